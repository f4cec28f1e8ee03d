/** `jane.doe@example.org` → `j***@example.org`: enough to tell messages apart in logs, not enough to identify. */
export function maskEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

const EMAIL_IN_TEXT = /[^\s<>"'(),;:@/]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+/g;

/** Masks every email address inside a text (e.g. an SMTP reply quoting the recipient). */
export function maskEmailAddresses(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (address) => maskEmailAddress(address));
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;

/** Every http(s) URL in a plain-text body, in order, without duplicates. */
export function extractLinks(text: string): string[] {
  return [...new Set((text.match(URL_IN_TEXT) ?? []).map((url) => url.replace(/[.,;:!?]+$/, '')))];
}
