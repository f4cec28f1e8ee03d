import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';

/** What the account-linking pages say about a refusal, by the server's error code (docs/account-linking-api.md). */

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A wait in words, rounded up to the minute once it is a minute or more: "in 40 seconds", "in 2 hours 5 minutes". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) {
    return `in ${plural(Math.max(1, Math.ceil(seconds)), 'second')}`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return `in ${plural(minutes, 'minute')}`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `in ${plural(hours, 'hour')}${rest > 0 ? ` ${plural(rest, 'minute')}` : ''}`;
}

/** "Try again in 7 minutes." (or "Try again later." without a `Retry-After`). */
function tryAgain(error: ApiError): string {
  return error.retryAfterSeconds === undefined
    ? 'Try again later.'
    : `Try again ${waitInWords(error.retryAfterSeconds)}.`;
}

/** The Link account dialog's refusals. */
export function linkRequestErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'LINK_EXISTS':
      return 'These two accounts already have a pending or confirmed link: see the Linked accounts tab.';
    case 'SAME_OPERATOR':
      return 'Both accounts are at the same operator. A link joins accounts at two different operators.';
    case 'OPERATOR_NOT_HOSTED':
      return "That operator's customer accounts are not kept here, so they cannot be linked.";
    case 'OPERATOR_NOT_FOUND':
      return "This customer's operator no longer has its accounts kept here.";
    case 'CUSTOMER_NOT_FOUND':
      return 'This customer no longer exists.';
    case 'CUSTOMER_ACCESS_DENIED':
    case 'FORBIDDEN':
      return "You are not allowed to link this operator's customers.";
    case 'LINK_REQUEST_LIMIT':
      return `This account has been asked to link too often today (5 requests a day). ${tryAgain(error)}`;
    case 'VALIDATION_FAILED':
      return 'Check the operator and the customer ID (1 to 32 characters).';
    default:
      return genericErrorMessage(error);
  }
}

/** Refusals of Resend and Revoke on the Linked accounts tab. */
export function linkActionErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'LINK_RESEND_COOLDOWN':
      return `The confirmation email was sent less than 10 minutes ago. You can send it again ${waitInWords(error.retryAfterSeconds ?? 600)}.`;
    case 'LINK_RESEND_LIMIT':
      return `The confirmation email to this account was sent again too often today (5 a day). ${tryAgain(error)}`;
    case 'LINK_NOT_PENDING':
      return 'This link is no longer waiting for confirmation, so there is no email to send again.';
    case 'LINK_NOT_ACTIVE':
      return 'This link is already declined, expired or revoked.';
    case 'LINK_NOT_FOUND':
      return 'This link no longer exists, or you may not see it.';
    case 'CUSTOMER_ACCESS_DENIED':
      return 'Only the operator that asked for the link can send the email again.';
    default:
      return genericErrorMessage(error);
  }
}

/** Why a linked account's records cannot be shown. */
export function linkedRecordsErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'LINK_NOT_CONFIRMED':
      return "This link is not confirmed, so the linked account's records cannot be read.";
    case 'LINK_NOT_FOUND':
      return 'This link no longer exists, or you may not see it.';
    case 'OPERATOR_NOT_FOUND':
      return "The linked account's operator no longer has its accounts kept here.";
    case 'VALIDATION_FAILED':
      return 'The date filter is not valid. Check it and try again.';
    default:
      return genericErrorMessage(error);
  }
}

/** Refusals that mean "no such link here": unknown id, not the caller's to see, or not an id at all. */
export function isLinkNotFound(error: ApiError | null): boolean {
  return error?.code === 'LINK_NOT_FOUND' || (error?.code === 'VALIDATION_FAILED' && error.status === 400);
}
