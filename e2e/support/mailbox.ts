import { expect } from '@playwright/test';

/**
 * The SMTP sink that playwright.config.ts starts beside the app (e2e/support/smtp-sink.mjs): the app sends real
 * mail over SMTP to it, and journeys read that mail through its HTTP API.
 */
export const MAIL_SINK_URL = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? 4326}`;

interface SinkMessage {
  to: string[];
  subject: string;
  links: string[];
}

async function messagesTo(to: string): Promise<SinkMessage[]> {
  const response = await fetch(`${MAIL_SINK_URL}/messages?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`SMTP sink answered ${response.status}`);
  return (await response.json()) as SinkMessage[];
}

/** Waits for a mail to `to` carrying a link to `pathname` (e.g. /verify-email); returns that link's app path. */
export async function emailedLink(to: string, pathname: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const links = (await messagesTo(to)).flatMap((message) => message.links);
        found = links.findLast((link) => new URL(link).pathname === pathname);
        return found;
      },
      { message: `a mail to ${to} with a ${pathname} link`, timeout: 15_000 },
    )
    .toBeTruthy();
  const url = new URL(found ?? '');
  return `${url.pathname}${url.search}`;
}
