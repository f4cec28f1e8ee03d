import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/time/clock';
import { SecurityEventsService } from './security-events.service';

describe('SecurityEventsService', () => {
  const emitter = new EventEmitter2();
  const clock: Clock = { now: () => new Date('2026-05-01T10:00:00.000Z') };
  const service = new SecurityEventsService(emitter, clock);
  const principal: Principal = {
    kind: 'user',
    sessionId: 's-1',
    user: { id: 'u-1', email: 'a@example.org', displayName: 'A', role: 'admin', operatorId: null, status: 'active' },
  };

  it('emits the event under its type, with the principal as actor and the time from the clock', () => {
    const seen: unknown[] = [];
    emitter.on('user.updated', (event) => seen.push(event));
    service.publish(
      'user.updated',
      principal,
      { entity: 'user', entityId: 'u-2' },
      { before: { a: 1 }, after: { a: 2 } },
    );
    expect(seen).toEqual([
      {
        type: 'user.updated',
        actor: { kind: 'user', id: 'u-1', role: 'admin' },
        entity: 'user',
        entityId: 'u-2',
        before: { a: 1 },
        after: { a: 2 },
        details: null,
        at: '2026-05-01T10:00:00.000Z',
      },
    ]);
  });

  it('takes an actor as is, or none for an anonymous caller', () => {
    const actor = { kind: 'user' as const, id: 'u-3', role: 'viewer' };
    expect(service.publish('auth.login-succeeded', actor, { entity: 'user', entityId: 'u-3' }).actor).toBe(actor);
    expect(
      service.publish('auth.login-failed', null, { entity: 'user', entityId: null }, { details: { reason: 'x' } }),
    ).toMatchObject({ actor: null, entityId: null, details: { reason: 'x' } });
  });
});
