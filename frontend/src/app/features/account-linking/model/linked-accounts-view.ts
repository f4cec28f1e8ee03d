import { type Cell, type Formatter } from '../../customers/model/display-format';
import {
  type AccountLinkDto,
  type LinkEndDto,
  type LinkEndInput,
  type LinkStatus,
  type LinkViewer,
  endLabel,
  isEndOf,
  mayResend,
  mayRevoke,
  otherEnd,
  readEndOf,
} from './account-links.model';

/** Where a row's "records" action leads: the linked records page, or (admins on the target's page) the account itself. */
export type RecordsAction =
  | { readonly kind: 'linked-records'; readonly path: readonly string[] }
  | { readonly kind: 'account'; readonly path: readonly string[] };

/** One row of the Linked accounts tab: a link seen from the page's account. */
export interface LinkRow {
  readonly id: string;
  readonly status: LinkStatus;
  /** The account at the other end. */
  readonly other: LinkEndDto;
  /** "PSD Ferries account C000006", for accessible names and messages. */
  readonly otherLabel: string;
  /** When it was asked for, with "Requested by PSD Buses" (the operator that asked) as the second line. */
  readonly requested: Cell;
  readonly confirmed: Cell | null;
  /** The status's second line: a pending link's expiry ("Expires …"), when a link expired or was revoked. */
  readonly statusDetail: { readonly label: string; readonly cell: Cell } | null;
  readonly records: RecordsAction | null;
  readonly canResend: boolean;
  readonly canRevoke: boolean;
}

function statusDetail(link: AccountLinkDto, f: Formatter): LinkRow['statusDetail'] {
  switch (link.status) {
    case 'pending':
      return { label: 'Expires', cell: f.dateTime(link.expiresAt) };
    case 'expired':
      return { label: '', cell: f.dateTime(link.expiresAt) };
    case 'revoked':
      return link.revokedAt ? { label: '', cell: f.dateTime(link.revokedAt) } : null;
    case 'confirmed':
    case 'declined':
      return null;
  }
}

function recordsAction(link: AccountLinkDto, account: LinkEndInput, viewer: LinkViewer): RecordsAction | null {
  if (link.status !== 'confirmed') {
    return null;
  }
  const read = link[readEndOf(link, viewer)];
  if (isEndOf(read, account)) {
    // An admin on the target's page: the API reads the target's own records; the other account is one click away.
    const other = otherEnd(link, account);
    return { kind: 'account', path: ['/customers', other.operatorId, other.customerId] };
  }
  return { kind: 'linked-records', path: ['/customers', account.operatorId, account.customerId, 'links', link.id] };
}

/** The rows of the Linked accounts tab of `account`, as `viewer` may act on them. */
export function linkRows(
  links: readonly AccountLinkDto[],
  account: LinkEndInput,
  viewer: LinkViewer,
  f: Formatter,
): LinkRow[] {
  return links.map((link) => {
    const other = otherEnd(link, account);
    return {
      id: link.id,
      status: link.status,
      other,
      otherLabel: endLabel(other),
      requested: {
        ...f.dateTime(link.requestedAt),
        secondary: `Requested by ${link.source.operatorName || `operator ${link.source.operatorId}`}`,
      },
      confirmed: link.confirmedAt ? f.dateTime(link.confirmedAt) : null,
      statusDetail: statusDetail(link, f),
      records: recordsAction(link, account, viewer),
      canResend: mayResend(link, viewer),
      canRevoke: mayRevoke(link),
    };
  });
}
