import { Clock } from '../../common/time/clock';
import type { AppError } from '../../common/errors/app-error';
import type { DomainEventsService } from '../events/domain-events.service';
import type { DirectorySnapshotService } from '../operators/directory-snapshot.service';
import { issueLinkToken } from './account-link-tokens';
import type { AccountLinksRepository } from './account-links.repository';
import { AccountLink } from './entities/account-link.entity';
import { LinkConfirmationService } from './link-confirmation.service';

const now = new Date('2026-05-01T12:00:00.000Z');
const { token, hash } = issueLinkToken();
const link = (overrides: Partial<AccountLink> = {}) =>
  Object.assign(new AccountLink(), {
    id: 'l1',
    status: 'pending',
    sourceOperatorId: '001',
    sourceCustomerPk: 1,
    sourceCustomerId: 'C1',
    targetOperatorId: '002',
    targetCustomerPk: 2,
    targetCustomerId: 'C2',
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + 3_600_000),
    ...overrides,
  });

function setup(found: AccountLink | null, opts: { issued?: boolean; won?: boolean; after?: AccountLink | null } = {}) {
  const repo = {
    findByTokenHash: jest.fn().mockResolvedValue(found),
    tokenIssued: jest.fn().mockResolvedValue(opts.issued ?? false),
    confirm: jest.fn().mockResolvedValue(opts.won ?? true),
    decline: jest.fn().mockResolvedValue(opts.won ?? true),
    findById: jest.fn().mockResolvedValue(opts.after === undefined ? found : opts.after),
    findCustomerByPk: jest.fn().mockResolvedValue({ name: 'Jane Smith', email: 'jane@example.org' }),
  };
  const events = { publishAccountLink: jest.fn() };
  const snapshots = {
    get: () => ({
      byId: new Map([
        ['001', { dto: { name: 'PSD Ferries' } }],
        ['002', { dto: { name: 'PSD Buses' } }],
      ]),
    }),
  };
  const clock = Object.assign(new Clock(), { now: () => now });
  const service = new LinkConfirmationService(
    repo as unknown as AccountLinksRepository,
    snapshots as unknown as DirectorySnapshotService,
    events as unknown as DomainEventsService,
    clock,
  );
  return { service, repo, events };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return `${(error as AppError).status} ${(error as AppError).code}`;
  }
};

describe('LinkConfirmationService', () => {
  it('looks a token up by its hash only, and treats a malformed one as unknown without a look-up', async () => {
    const { service, repo } = setup(link());
    expect(await codeOf(service.confirm(token, '203.0.113.1'))).toBe('ok');
    expect(repo.findByTokenHash).toHaveBeenCalledWith(hash);
    expect(repo.confirm).toHaveBeenCalledWith(expect.objectContaining({ id: 'l1' }), hash, now, '203.0.113.1');
    const malformed = setup(link());
    expect(await codeOf(malformed.service.preview('not-a-token'))).toBe('404 LINK_TOKEN_UNKNOWN');
    expect(malformed.repo.findByTokenHash).not.toHaveBeenCalled();
  });

  it.each([
    ['unknown', null, false, '404 LINK_TOKEN_UNKNOWN'],
    ['superseded by a resend', null, true, '410 LINK_TOKEN_SUPERSEDED'],
    ['expired', link({ expiresAt: now }), false, '410 LINK_TOKEN_EXPIRED'],
    ['expired by the clean-up', link({ status: 'expired' }), false, '410 LINK_TOKEN_EXPIRED'],
    ['confirmed', link({ status: 'confirmed' }), false, '409 LINK_ALREADY_CONFIRMED'],
    ['declined', link({ status: 'declined' }), false, '409 LINK_ALREADY_DECLINED'],
    ['revoked', link({ status: 'revoked' }), false, '410 LINK_TOKEN_SUPERSEDED'],
    ['for a target that does not exist', link({ targetCustomerPk: null }), false, '404 LINK_TOKEN_UNKNOWN'],
  ])('a token %s gets its own answer on every step', async (_label, found, issued, expected) => {
    for (const step of ['preview', 'confirm', 'decline'] as const) {
      const { service, repo, events } = setup(found, { issued });
      const call = step === 'confirm' ? service.confirm(token, null) : service[step](token);
      expect([step, await codeOf(call)]).toEqual([step, expected]);
      expect(repo.confirm).not.toHaveBeenCalled();
      expect(repo.decline).not.toHaveBeenCalled();
      expect(events.publishAccountLink).not.toHaveBeenCalled();
    }
  });

  it('a lost race explains itself from the link as it is now', async () => {
    const lostTo = (after: AccountLink | null) => setup(link(), { won: false, after });
    expect(await codeOf(lostTo(link({ status: 'confirmed' })).service.confirm(token, null))).toBe(
      '409 LINK_ALREADY_CONFIRMED',
    );
    expect(await codeOf(lostTo(link({ status: 'declined' })).service.confirm(token, null))).toBe(
      '409 LINK_ALREADY_DECLINED',
    );
    expect(await codeOf(lostTo(link({ tokenHash: 'f'.repeat(64) })).service.decline(token))).toBe(
      '410 LINK_TOKEN_SUPERSEDED',
    );
    expect(await codeOf(lostTo(null).service.decline(token))).toBe('404 LINK_TOKEN_UNKNOWN');
  });

  it('preview masks the source and publishes `previewed` with the link token as actor, never the token', async () => {
    const { service, events } = setup(link());
    expect(await service.preview(token)).toEqual({
      sourceOperatorName: 'PSD Ferries',
      sourceName: 'J*** S***',
      sourceEmail: 'j***@example.org',
      targetOperatorName: 'PSD Buses',
      expiresAt: '2026-05-01T13:00:00.000Z',
    });
    expect(events.publishAccountLink).toHaveBeenCalledWith({
      type: 'account-link.previewed',
      actor: { kind: 'link-token', id: null, role: null },
      linkId: 'l1',
      source: { operatorId: '001', customerId: 'C1' },
      target: { operatorId: '002', customerId: 'C2' },
    });
    expect(JSON.stringify(events.publishAccountLink.mock.calls)).not.toContain(token);
  });
});
