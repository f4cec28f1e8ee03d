import type { Principal } from '../../common/auth/principal';
import type { AccountLink, LinkStatus } from './entities/account-link.entity';

/**
 * The account-linking rules that need no I/O: which side of a link a caller is on, what status a link shows, the
 * resend cooldown and the daily limits, and how names are masked in the emails and the confirm page.
 */

const MINUTE_MS = 60_000;
/** One resend per link every 10 minutes. */
export const RESEND_COOLDOWN_MS = 10 * MINUTE_MS;
/** The daily limits are counted over the last 24 hours. */
export const LIMIT_WINDOW_MS = 24 * 60 * MINUTE_MS;
/** At most 5 resends a day per target account (counted per requesting operator). */
export const RESEND_DAILY_LIMIT = 5;
/** At most 5 link requests a day per target account (counted per requesting operator). */
export const REQUEST_DAILY_LIMIT = 5;

/**
 * Whose links a caller acts for: every operator's (admins), one operator's (operator users, and API clients bound to
 * an operator), or none (viewers; clients without an operator).
 */
export type LinkReach = { operators: 'all' } | { operators: [string] } | null;

export function linkReachOf(principal: Principal): LinkReach {
  if (principal.kind === 'user') {
    const { role, operatorId } = principal.user;
    switch (role) {
      case 'admin':
        return { operators: 'all' };
      case 'operator':
        return operatorId ? { operators: [operatorId] } : null;
      case 'viewer':
        return null;
    }
  }
  return principal.client.operatorId ? { operators: [principal.client.operatorId] } : null;
}

/** May the caller act for this operator's accounts (e.g. request a link from one of them)? */
export function reachesOperator(reach: LinkReach, operatorId: string): boolean {
  return reach !== null && (reach.operators === 'all' || reach.operators[0] === operatorId);
}

/**
 * The caller's side of a link: `admin` (any link), `source` or `target` (staff or clients of that operator), or null
 * (the link does not exist for the caller: 404). The target side sees a link only when the target account exists:
 * requests for an account that does not exist stay between the source side and nobody.
 */
export type LinkSide = 'admin' | 'source' | 'target';

export function linkSideOf(
  reach: LinkReach,
  link: Pick<AccountLink, 'sourceOperatorId' | 'targetOperatorId' | 'targetCustomerPk'>,
): LinkSide | null {
  if (reach === null) return null;
  if (reach.operators === 'all') return 'admin';
  const [operatorId] = reach.operators;
  if (operatorId === link.sourceOperatorId) return 'source';
  if (operatorId === link.targetOperatorId && link.targetCustomerPk !== null) return 'target';
  return null;
}

/** Sides that may send the confirmation email again (as for requesting the link). */
export function mayResend(side: LinkSide): boolean {
  return side === 'admin' || side === 'source';
}

/** The status shown: a pending link past its expiry is `expired`, even before the clean-up has stored that. */
export function displayStatus(link: Pick<AccountLink, 'status' | 'expiresAt'>, now: Date): LinkStatus {
  return link.status === 'pending' && link.expiresAt.getTime() <= now.getTime() ? 'expired' : link.status;
}

/** How long until the next resend is allowed (0: now). */
export function cooldownRemainingMs(lastSentAt: Date, now: Date): number {
  return Math.max(0, lastSentAt.getTime() + RESEND_COOLDOWN_MS - now.getTime());
}

/** Pending, and the cooldown has passed (the daily limit is checked when sending). */
export function canResend(link: Pick<AccountLink, 'status' | 'expiresAt' | 'lastSentAt'>, now: Date): boolean {
  return displayStatus(link, now) === 'pending' && cooldownRemainingMs(link.lastSentAt, now) === 0;
}

/**
 * With `issuedAt` the sends within the last 24 hours (oldest first): null when one more is allowed, otherwise how
 * long until enough of them are older than 24 hours for one more.
 */
export function limitRetryAfterMs(issuedAt: readonly Date[], limit: number, now: Date): number | null {
  if (issuedAt.length < limit) return null;
  const freesASlot = issuedAt[issuedAt.length - limit];
  return Math.max(1000, freesASlot.getTime() + LIMIT_WINDOW_MS - now.getTime());
}

/** `Jane Smith` → `J*** S***`: the initials only, for the target's email and the confirm page. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '***';
  return words.map((word) => `${Array.from(word)[0]}***`).join(' ');
}
