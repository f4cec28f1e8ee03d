/** The public confirm page's outcomes for a token the server refuses (docs/account-linking-api.md, token errors). */
export type TokenProblem = 'missing' | 'unknown' | 'expired' | 'already-confirmed' | 'already-declined' | 'superseded';

const PROBLEM_BY_CODE: Readonly<Record<string, Exclude<TokenProblem, 'missing'>>> = {
  LINK_TOKEN_UNKNOWN: 'unknown',
  // A token that is not a string, or far too long: not one of ours either.
  VALIDATION_FAILED: 'unknown',
  LINK_TOKEN_EXPIRED: 'expired',
  LINK_ALREADY_CONFIRMED: 'already-confirmed',
  LINK_ALREADY_DECLINED: 'already-declined',
  LINK_TOKEN_SUPERSEDED: 'superseded',
};

/** The token problem an error code names, or null for other failures (the network, the server). */
export function tokenProblemOf(code: string): TokenProblem | null {
  return PROBLEM_BY_CODE[code] ?? null;
}

export interface ProblemText {
  readonly title: string;
  readonly message: string;
  /** 'info': nothing went wrong (the link did its job already); 'warning': the link cannot be used. */
  readonly tone: 'info' | 'warning';
}

export const TOKEN_PROBLEM_TEXT: Readonly<Record<TokenProblem, ProblemText>> = {
  missing: {
    title: 'Open the link from your email',
    message:
      'This page needs the whole link from the email. For your security the page removes the link’s code from the ' +
      'address bar once it has read it, so reloading the page does not work: open the link in the email again.',
    tone: 'info',
  },
  unknown: {
    title: 'This link is not valid',
    message:
      'The link may be incomplete: open it again from the email, or copy the whole address into your browser. ' +
      'Nothing has been shared.',
    tone: 'warning',
  },
  expired: {
    title: 'This link has expired',
    message:
      'Confirmation links work for a limited time, and nothing has been shared. If you want the accounts linked, ' +
      'ask the operator that contacted you to send a new request.',
    tone: 'warning',
  },
  'already-confirmed': {
    title: 'This link has already been used',
    message:
      'The accounts were linked when this link was first used, so there is nothing more to do. If that was not ' +
      'you, contact the operator that emailed you.',
    tone: 'info',
  },
  'already-declined': {
    title: 'This request was declined',
    message:
      '“This wasn’t me” was already chosen with this link, so nothing is shared. If that was a mistake, ask the ' +
      'operator to send a new request.',
    tone: 'info',
  },
  superseded: {
    title: 'This link has been replaced',
    message:
      'A newer email was sent for this request, or the request was withdrawn. Use the link in the most recent ' +
      'email, if there is one. Nothing is shared through this link.',
    tone: 'warning',
  },
};
