import { eventEntry } from './audit-events';

const NOW = new Date('2026-05-01T10:00:00.000Z');

describe('eventEntry', () => {
  it('maps a change event: type, actor, entity, before/after, time, request id', () => {
    const entry = eventEntry(
      'operator.updated',
      {
        type: 'operator.updated',
        actor: { kind: 'user', id: 'u-1', role: 'admin' },
        entity: 'operator',
        entityId: '012',
        before: { name: 'Old' },
        after: { name: 'New' },
        at: '2026-04-30T09:00:00.000Z',
      },
      'req-1',
      NOW,
    );
    expect(entry).toMatchObject({
      type: 'operator.updated',
      at: '2026-04-30T09:00:00.000Z',
      requestId: 'req-1',
      actorKind: 'user',
      actorId: 'u-1',
      actorRole: 'admin',
      entity: 'operator',
      entityId: '012',
      before: { name: 'Old' },
      after: { name: 'New' },
      details: null,
      method: null,
      status: null,
    });
  });

  it('keeps every other member of an event in details (customer reads, events added later)', () => {
    const entry = eventEntry(
      'customer.accessed',
      {
        type: 'customer.accessed',
        actor: { kind: 'apiClient', id: 'c-1', role: null },
        operatorId: '029',
        customerId: 'C000042',
        what: 'profile',
        fields: ['name'],
        piiMasked: true,
        channel: 'oti',
        count: 1,
        at: NOW.toISOString(),
      },
      null,
      NOW,
    );
    expect(entry).toMatchObject({
      actorKind: 'apiClient',
      actorId: 'c-1',
      actorRole: null,
      entity: null,
      details: {
        operatorId: '029',
        customerId: 'C000042',
        what: 'profile',
        fields: ['name'],
        piiMasked: true,
        channel: 'oti',
        count: 1,
      },
    });
  });

  it('merges an event’s own details with its other members; no actor means anonymous', () => {
    expect(
      eventEntry(
        'auth.login-failed',
        { type: 'auth.login-failed', actor: null, details: { reason: 'x' }, extra: 1 },
        null,
        NOW,
      ),
    ).toMatchObject({ actorKind: 'anonymous', actorId: null, details: { reason: 'x', extra: 1 } });
  });

  it('keeps the system as actor, and an actor kind it does not know as anonymous with the kind in details', () => {
    expect(
      eventEntry('account-link.expired', { actor: { kind: 'system', id: null, role: null } }, null, NOW),
    ).toMatchObject({ actorKind: 'system', actorId: null });
    expect(
      eventEntry(
        'account-link.confirmed',
        { actor: { kind: 'link-token', id: null, role: null }, linkId: 'l-1' },
        null,
        NOW,
      ),
    ).toMatchObject({ actorKind: 'anonymous', details: { actorKind: 'link-token', linkId: 'l-1' } });
  });

  it('makes an account-link step’s link its entity, so one link’s steps are found together', () => {
    const entry = eventEntry(
      'account-link.requested',
      { type: 'account-link.requested', actor: { kind: 'user', id: 'u-1', role: 'operator' }, linkId: 'l-9' },
      'req-7',
      NOW,
    );
    expect(entry).toMatchObject({ entity: 'account-link', entityId: 'l-9', details: { linkId: 'l-9' } });
    // An event that names its entity keeps it.
    expect(eventEntry('x.y', { entity: 'operator', entityId: '012', linkId: 'l-9' }, null, NOW)).toMatchObject({
      entity: 'operator',
      entityId: '012',
    });
  });

  it('ignores what is not a domain event', () => {
    expect(eventEntry('newListener', { type: 'x' }, null, NOW)).toBeNull();
    expect(eventEntry(['a', 'b'], {}, null, NOW)).toBeNull();
    expect(eventEntry('operator.updated', 'text', null, NOW)).toBeNull();
  });

  it('takes the event name when the payload has no usable type, and numeric entity ids as text', () => {
    expect(eventEntry('mode.deleted', { entityId: 7 }, null, NOW)).toMatchObject({
      type: 'mode.deleted',
      entityId: '7',
    });
  });
});
