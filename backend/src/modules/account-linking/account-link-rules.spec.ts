import type { Principal } from '../../common/auth/principal';
import {
  canResend,
  cooldownRemainingMs,
  displayStatus,
  LIMIT_WINDOW_MS,
  limitRetryAfterMs,
  linkReachOf,
  linkSideOf,
  maskName,
  mayResend,
  reachesOperator,
  RESEND_COOLDOWN_MS,
} from './account-link-rules';

const user = (role: 'admin' | 'operator' | 'viewer', operatorId: string | null = null): Principal => ({
  kind: 'user',
  sessionId: 's',
  user: { id: 'u', email: 'u@example.org', displayName: 'U', role, operatorId, status: 'active' },
});
const client = (operatorId: string | null): Principal => ({
  kind: 'apiClient',
  client: { id: 'c', name: 'c', keyPrefix: 'abcd1234', scopes: ['account-linking:write'], operatorId },
});

const link = { sourceOperatorId: '001', targetOperatorId: '002', targetCustomerPk: 7 as number | null };
const now = new Date('2026-05-01T12:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('account-link rules', () => {
  it('reach: admins all operators, operator users and bound clients their own, viewers and unbound clients none', () => {
    expect(linkReachOf(user('admin'))).toEqual({ operators: 'all' });
    expect(linkReachOf(user('operator', '001'))).toEqual({ operators: ['001'] });
    expect(linkReachOf(user('operator', null))).toBeNull();
    expect(linkReachOf(user('viewer'))).toBeNull();
    expect(linkReachOf(client('002'))).toEqual({ operators: ['002'] });
    expect(linkReachOf(client(null))).toBeNull();
    expect(reachesOperator({ operators: 'all' }, '009')).toBe(true);
    expect(reachesOperator({ operators: ['001'] }, '001')).toBe(true);
    expect(reachesOperator({ operators: ['001'] }, '002')).toBe(false);
    expect(reachesOperator(null, '001')).toBe(false);
  });

  it('sides: source and target operators see the link, others do not; the target only if its account exists', () => {
    expect(linkSideOf({ operators: 'all' }, link)).toBe('admin');
    expect(linkSideOf({ operators: ['001'] }, link)).toBe('source');
    expect(linkSideOf({ operators: ['002'] }, link)).toBe('target');
    expect(linkSideOf({ operators: ['003'] }, link)).toBeNull();
    expect(linkSideOf(null, link)).toBeNull();
    expect(linkSideOf({ operators: ['002'] }, { ...link, targetCustomerPk: null })).toBeNull();
    expect(linkSideOf({ operators: ['001'] }, { ...link, targetCustomerPk: null })).toBe('source');
    expect([mayResend('admin'), mayResend('source'), mayResend('target')]).toEqual([true, true, false]);
  });

  it('a pending link past its expiry shows as expired; other statuses as stored', () => {
    expect(displayStatus({ status: 'pending', expiresAt: minutes(1) }, now)).toBe('pending');
    expect(displayStatus({ status: 'pending', expiresAt: now }, now)).toBe('expired');
    expect(displayStatus({ status: 'confirmed', expiresAt: minutes(-60) }, now)).toBe('confirmed');
    expect(displayStatus({ status: 'revoked', expiresAt: minutes(60) }, now)).toBe('revoked');
  });

  it('resend cooldown: 10 minutes after the last email', () => {
    expect(RESEND_COOLDOWN_MS).toBe(600_000);
    expect(cooldownRemainingMs(minutes(-3), now)).toBe(7 * 60_000);
    expect(cooldownRemainingMs(minutes(-10), now)).toBe(0);
    const pending = { status: 'pending' as const, expiresAt: minutes(600) };
    expect(canResend({ ...pending, lastSentAt: minutes(-9) }, now)).toBe(false);
    expect(canResend({ ...pending, lastSentAt: minutes(-10) }, now)).toBe(true);
    expect(canResend({ ...pending, status: 'confirmed', lastSentAt: minutes(-60) }, now)).toBe(false);
    expect(canResend({ ...pending, expiresAt: minutes(-1), lastSentAt: minutes(-60) }, now)).toBe(false);
  });

  it('daily limit: allowed below the limit; otherwise until the send that frees a slot is 24 hours old', () => {
    const sends = [minutes(-600), minutes(-300), minutes(-200), minutes(-100), minutes(-50)];
    expect(limitRetryAfterMs(sends.slice(0, 4), 5, now)).toBeNull();
    expect(limitRetryAfterMs(sends, 5, now)).toBe(LIMIT_WINDOW_MS - 600 * 60_000);
    // Six sends (a race let one more through): two must age out, so the second oldest decides.
    expect(limitRetryAfterMs([minutes(-700), ...sends], 5, now)).toBe(LIMIT_WINDOW_MS - 600 * 60_000);
    // Never less than a second (Retry-After is whole seconds).
    expect(limitRetryAfterMs([new Date(now.getTime() - LIMIT_WINDOW_MS)], 1, now)).toBe(1000);
  });

  it('masks names to initials', () => {
    expect(maskName('Jane Smith')).toBe('J*** S***');
    expect(maskName('  Ærø  de  la Cruz ')).toBe('Æ*** d*** l*** C***');
    expect(maskName('😀moji')).toBe('😀***');
    expect(maskName('')).toBe('***');
  });
});
