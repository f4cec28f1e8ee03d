import { escapeHtml, renderEmail } from './render-email';

describe('renderEmail', () => {
  const verify = { label: 'Verify your email address', url: 'https://hub.example.org/verify-email?token=abc&x=1' };

  it('puts the heading, paragraphs, action link and footer into the text body', () => {
    const { text } = renderEmail({
      heading: 'Confirm your email',
      paragraphs: ['Welcome, Ada.', 'The link works once.'],
      action: verify,
      secondaryAction: { label: 'Not you?', url: 'https://hub.example.org/help' },
      footer: 'The link expires in 24 hours.',
    });
    expect(text).toContain('Confirm your email\n\nWelcome, Ada.\n\nThe link works once.\n');
    expect(text).toContain(`Verify your email address:\n${verify.url}\n`);
    expect(text).toContain('Not you?:\nhttps://hub.example.org/help');
    expect(text).toContain('--\nThe link expires in 24 hours.');
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('links the action in the HTML body, as a button and as a copyable address, with & escaped', () => {
    const { html } = renderEmail({ heading: 'Confirm', paragraphs: [], action: verify });
    const href = 'https://hub.example.org/verify-email?token=abc&amp;x=1';
    expect(html.match(new RegExp(`href="${href.replace(/[?]/g, '\\?')}"`, 'g'))).toHaveLength(2);
    expect(html).toContain('>Verify your email address</a>');
    expect(html).toMatch(/^<!DOCTYPE html>/);
  });

  it('escapes every value in the HTML body', () => {
    const evil = `<script>alert("x")</script> & 'quotes'`;
    const { html, text } = renderEmail({
      heading: evil,
      paragraphs: [evil],
      action: { label: evil, url: 'https://hub.example.org/?q="><img src=x>' },
      footer: evil,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"><img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    // The text part is not HTML: it stays as written.
    expect(text).toContain(evil);
  });

  it('uses no external resources', () => {
    const { html } = renderEmail({ heading: 'H', paragraphs: ['p'], action: verify, footer: 'f' });
    expect(html).not.toMatch(/<img|<link|@import|url\(|src=/i);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(hrefs)).toEqual(new Set([verify.url.replace('&', '&amp;')]));
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'not a url'])('refuses the action URL %s', (url) => {
    expect(() => renderEmail({ heading: 'H', paragraphs: [], action: { label: 'Go', url } })).toThrow(/renderEmail/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
