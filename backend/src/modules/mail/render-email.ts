/** A link shown as a button in HTML and as "label: url" in plain text. */
export interface EmailAction {
  label: string;
  url: string;
}

export interface EmailContent {
  heading: string;
  paragraphs: string[];
  /** The main call to action (e.g. "Verify your email address"). */
  action?: EmailAction;
  /** A second, less prominent link (e.g. "Not you? Report it"). */
  secondaryAction?: EmailAction;
  /** Small print under a rule (e.g. why the email was sent, when the link expires). */
  footer?: string;
}

export interface RenderedEmail {
  text: string;
  html: string;
}

const PRODUCT_NAME = 'Open Transport Hub';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) URLs become links: a `javascript:` or `data:` URL in an email would be a bug (or an attack). */
function assertHttpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(`renderEmail: not a URL: ${url.slice(0, 40)}`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`renderEmail: not an http(s) URL (${protocol})`);
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * The plain-text and HTML bodies of a transactional email: a heading, paragraphs, an optional button and a footer.
 * Every value is escaped for HTML; the HTML is one table-based, inline-styled layout without external images, fonts
 * or stylesheets (mail clients block them), and the text part carries every link in full.
 */
export function renderEmail(content: EmailContent): RenderedEmail {
  const { heading, paragraphs, action, secondaryAction, footer } = content;
  if (action) assertHttpUrl(action.url);
  if (secondaryAction) assertHttpUrl(secondaryAction.url);

  const text = [
    heading,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}:`, action.url, ''] : []),
    ...(secondaryAction ? [`${secondaryAction.label}:`, secondaryAction.url, ''] : []),
    ...(footer ? ['--', footer, ''] : []),
    `— ${PRODUCT_NAME}`,
  ].join('\n');

  const p = (body: string, style = '') =>
    `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2933;${style}">${body}</p>`;
  const button = action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr>` +
      `<td style="border-radius:6px;background:#1a56db">` +
      `<a href="${escapeHtml(action.url)}" style="display:inline-block;padding:12px 24px;font-size:16px;` +
      `font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a>` +
      `</td></tr></table>` +
      p(
        `If the button does not work, copy this address into your browser:<br>` +
          `<a href="${escapeHtml(action.url)}" style="color:#1a56db;word-break:break-all">${escapeHtml(action.url)}</a>`,
        'font-size:13px;color:#52606d',
      )
    : '';
  const secondary = secondaryAction
    ? p(
        `<a href="${escapeHtml(secondaryAction.url)}" style="color:#1a56db">${escapeHtml(secondaryAction.label)}</a>`,
        'font-size:14px',
      )
    : '';
  const footerHtml = footer
    ? `<hr style="border:none;border-top:1px solid #e4e7eb;margin:24px 0 16px">` +
      p(escapeHtml(footer), 'font-size:13px;color:#7b8794')
    : '';

  const html =
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(heading)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#f5f7fa;font-family:${FONT}">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f7fa"><tr>` +
    `<td align="center" style="padding:24px 12px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" ` +
    `style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e4e7eb"><tr>` +
    `<td style="padding:32px;font-family:${FONT}">` +
    `<div style="margin:0 0 24px;font-size:14px;font-weight:600;color:#52606d">${PRODUCT_NAME}</div>` +
    `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#1f2933">${escapeHtml(heading)}</h1>` +
    paragraphs.map((para) => p(escapeHtml(para))).join('') +
    button +
    secondary +
    footerHtml +
    `</td></tr></table></td></tr></table></body></html>\n`;

  return { text, html };
}
