import { canResend, displayStatus, LinkSide, mayResend } from './account-link-rules';
import type { AccountLinkAcceptedDto, AccountLinkDto } from './dto/account-link.dto';
import type { AccountLink } from './entities/account-link.entity';

/** An operator's name by id ('' for an id the directory no longer has). */
export type OperatorNames = (operatorId: string) => string;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A link as its API shape, for a caller on `side`: the status as shown (pending past expiry → expired) and whether
 * this caller may resend now. Hashes, the pair key, IPs and who acted stay inside.
 */
export function toAccountLinkDto(link: AccountLink, names: OperatorNames, side: LinkSide, now: Date): AccountLinkDto {
  return {
    id: link.id,
    status: displayStatus(link, now),
    source: {
      operatorId: link.sourceOperatorId,
      operatorName: names(link.sourceOperatorId),
      customerId: link.sourceCustomerId,
    },
    target: {
      operatorId: link.targetOperatorId,
      operatorName: names(link.targetOperatorId),
      customerId: link.targetCustomerId,
    },
    requestedAt: link.requestedAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    confirmedAt: iso(link.confirmedAt),
    revokedAt: iso(link.revokedAt),
    canResend: mayResend(side) && canResend(link, now),
  };
}

/** The answer to a request or a resend: nothing that depends on whether the target account exists. */
export function toAcceptedDto(link: Pick<AccountLink, 'id' | 'expiresAt'>): AccountLinkAcceptedDto {
  return { id: link.id, status: 'pending', expiresAt: link.expiresAt.toISOString() };
}
