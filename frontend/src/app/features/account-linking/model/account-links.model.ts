import { type Role } from '../../../core/auth/auth.model';

/** Types of the account-linking API contract (docs/account-linking-api.md). */

export type LinkStatus = 'pending' | 'confirmed' | 'declined' | 'expired' | 'revoked';

/** One end of a link: an account at a hosted operator. */
export interface LinkEndDto {
  readonly operatorId: string;
  readonly operatorName: string;
  readonly customerId: string;
}

export interface AccountLinkDto {
  readonly id: string;
  readonly status: LinkStatus;
  /** The account whose operator asked for the link. */
  readonly source: LinkEndDto;
  /** The account whose owner confirms by email. */
  readonly target: LinkEndDto;
  readonly requestedAt: string;
  /** When the current confirmation link expires. */
  readonly expiresAt: string;
  readonly confirmedAt: string | null;
  readonly revokedAt: string | null;
  /** Pending, the caller is on the source side (or an admin), and the resend cooldown has passed. */
  readonly canResend: boolean;
}

/** The answer to a request or a resend: the same whether or not the target account exists. */
export interface AccountLinkAcceptedDto {
  readonly id: string;
  readonly status: 'pending';
  readonly expiresAt: string;
}

/** An account as a link request names it. */
export interface LinkEndInput {
  readonly operatorId: string;
  readonly customerId: string;
}

/** What the public confirm page shows: who asks, masked. */
export interface AccountLinkPreviewDto {
  readonly sourceOperatorName: string;
  /** The source account holder's initials: "J*** S***". */
  readonly sourceName: string;
  /** "j***@example.com". */
  readonly sourceEmail: string;
  /** The operator of the email recipient's account. */
  readonly targetOperatorName: string;
  readonly expiresAt: string;
}

export interface AccountLinkOutcomeDto {
  readonly status: 'confirmed' | 'declined';
}

export const LINK_STATUS_LABELS: Readonly<Record<LinkStatus, string>> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  declined: 'Declined',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Who looks at a link: an admin (every operator) or staff of one operator. */
export interface LinkViewer {
  readonly role: Role | null;
  readonly operatorId: string | null;
}

export function isEndOf(end: LinkEndInput, account: LinkEndInput): boolean {
  return end.operatorId === account.operatorId && end.customerId === account.customerId;
}

/** The other end of `link`, seen from `account` (one of its ends). */
export function otherEnd(link: AccountLinkDto, account: LinkEndInput): LinkEndDto {
  return isEndOf(link.source, account) ? link.target : link.source;
}

/**
 * Whose records `GET /account-links/{id}/{kind}` gives the viewer: the target's for the source side and admins, the
 * source's for the target side (docs/account-linking-api.md).
 */
export function readEndOf(link: AccountLinkDto, viewer: LinkViewer): 'source' | 'target' {
  return viewer.role !== 'admin' && viewer.operatorId === link.target.operatorId ? 'source' : 'target';
}

/** May the viewer send the confirmation email again: a pending link, asked for by the viewer's operator (or an admin). */
export function mayResend(link: AccountLinkDto, viewer: LinkViewer): boolean {
  return (
    link.status === 'pending' &&
    (viewer.role === 'admin' || (viewer.operatorId !== null && viewer.operatorId === link.source.operatorId))
  );
}

/** Pending and confirmed links can be revoked, by either side. */
export function mayRevoke(link: AccountLinkDto): boolean {
  return link.status === 'pending' || link.status === 'confirmed';
}

/** "PSD Ferries account C000006". */
export function endLabel(end: LinkEndDto): string {
  return `${end.operatorName || `Operator ${end.operatorId}`} account ${end.customerId}`;
}
