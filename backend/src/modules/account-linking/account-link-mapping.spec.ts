import { toAcceptedDto, toAccountLinkDto } from './account-link-mapping';
import { AccountLink } from './entities/account-link.entity';

const now = new Date('2026-05-01T12:00:00.000Z');
const linkRow = (overrides: Partial<AccountLink> = {}): AccountLink =>
  Object.assign(new AccountLink(), {
    id: '3f0b8a4e-4a4c-4c1b-9a52-1d2a6e9b7c10',
    pairKey: 'a'.repeat(64),
    status: 'pending',
    sourceOperatorId: '001',
    sourceCustomerPk: 1,
    sourceCustomerId: 'C1',
    targetOperatorId: '002',
    targetCustomerPk: 2,
    targetCustomerId: 'C2',
    tokenHash: 'b'.repeat(64),
    expiresAt: new Date('2026-05-02T09:00:00.000Z'),
    requestedByKind: 'user',
    requestedById: 'u1',
    requestedAt: new Date('2026-05-01T09:00:00.000Z'),
    lastSentAt: new Date('2026-05-01T09:00:00.000Z'),
    resendCount: 0,
    confirmedAt: null,
    confirmedIp: '203.0.113.9',
    declinedAt: null,
    revokedAt: null,
    revokedByKind: null,
    revokedById: null,
    ...overrides,
  });
const names = (id: string) => ({ '001': 'PSD Ferries', '002': 'PSD Buses' })[id] ?? '';

describe('account-link mapping', () => {
  it('maps a link to its API shape without hashes, pair key, IP or actors', () => {
    const dto = toAccountLinkDto(linkRow(), names, 'source', now);
    expect(dto).toEqual({
      id: '3f0b8a4e-4a4c-4c1b-9a52-1d2a6e9b7c10',
      status: 'pending',
      source: { operatorId: '001', operatorName: 'PSD Ferries', customerId: 'C1' },
      target: { operatorId: '002', operatorName: 'PSD Buses', customerId: 'C2' },
      requestedAt: '2026-05-01T09:00:00.000Z',
      expiresAt: '2026-05-02T09:00:00.000Z',
      confirmedAt: null,
      revokedAt: null,
      canResend: true,
    });
    const text = JSON.stringify(dto);
    for (const secret of ['a'.repeat(64), 'b'.repeat(64), '203.0.113.9', 'u1']) expect(text).not.toContain(secret);
  });

  it('offers a resend only to the source side and admins, for a pending link past its cooldown', () => {
    expect(toAccountLinkDto(linkRow(), names, 'admin', now).canResend).toBe(true);
    expect(toAccountLinkDto(linkRow(), names, 'target', now).canResend).toBe(false);
    expect(
      toAccountLinkDto(linkRow({ lastSentAt: new Date('2026-05-01T11:55:00.000Z') }), names, 'source', now),
    ).toMatchObject({ canResend: false });
  });

  it('shows an unanswered link past its expiry as expired, and dates of confirmation and revocation', () => {
    expect(toAccountLinkDto(linkRow({ expiresAt: now }), names, 'source', now)).toMatchObject({
      status: 'expired',
      canResend: false,
    });
    const confirmed = linkRow({
      status: 'revoked',
      confirmedAt: new Date('2026-05-01T10:00:00.000Z'),
      revokedAt: new Date('2026-05-01T11:00:00.000Z'),
    });
    expect(toAccountLinkDto(confirmed, names, 'target', now)).toMatchObject({
      status: 'revoked',
      confirmedAt: '2026-05-01T10:00:00.000Z',
      revokedAt: '2026-05-01T11:00:00.000Z',
    });
  });

  it('answers a request with the id, pending and the expiry only', () => {
    expect(toAcceptedDto(linkRow())).toEqual({
      id: '3f0b8a4e-4a4c-4c1b-9a52-1d2a6e9b7c10',
      status: 'pending',
      expiresAt: '2026-05-02T09:00:00.000Z',
    });
  });
});
