#!/usr/bin/env node
// A throwaway SMTP server for the end-to-end tests: accepts every message (no TLS, no auth), keeps the last few
// hundred in memory, and serves them over HTTP so a Playwright journey can read an email and follow its link.
//
//   SMTP  127.0.0.1:${SMTP_SINK_PORT:-4325}        point the app at it: SMTP_URL=smtp://127.0.0.1:4325
//   HTTP  127.0.0.1:${SMTP_SINK_HTTP_PORT:-4326}
//     GET    /health                 200 {"status":"ok","messages":N}
//     GET    /messages[?to=<addr>]   200 [{ to, from, subject, text, html, links, receivedAt }], oldest first
//     DELETE /messages               204, forgets every message
//
// Both listen on 127.0.0.1 only. Started by Playwright's webServer list (e2e/playwright.config.ts); see docs/mail.md.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 4325);
const HTTP_PORT = Number(process.env.SMTP_SINK_HTTP_PORT ?? 4326);
const HOST = '127.0.0.1';
const MAX_MESSAGES = 500;
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/** @type {{ to: string[], from: string, subject: string, text: string, html: string, links: string[], receivedAt: string }[]} */
let messages = [];

/** Every http(s) URL in a plain-text body, once each, in order (same rule as the backend's extractLinks). */
function extractLinks(text) {
  const urls = (text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? []).map((url) => url.replace(/[.,;:!?]+$/, ''));
  return [...new Set(urls)];
}

const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  size: MAX_MESSAGE_BYTES,
  closeTimeout: 100,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        if (stream.sizeExceeded) throw Object.assign(new Error('Message too large'), { responseCode: 552 });
        const text = parsed.text ?? '';
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: parsed.from?.text ?? '',
          subject: parsed.subject ?? '',
          text,
          html: typeof parsed.html === 'string' ? parsed.html : '',
          links: extractLinks(text),
          receivedAt: new Date().toISOString(),
        });
        if (messages.length > MAX_MESSAGES) messages = messages.slice(-MAX_MESSAGES);
        callback();
      })
      .catch((error) => callback(error));
  },
});
smtp.on('error', (error) => console.error(`smtp-sink: SMTP error: ${error.message}`));

function send(res, status, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname === '/health' && req.method === 'GET')
    return send(res, 200, { status: 'ok', messages: messages.length });
  if (url.pathname === '/messages' && req.method === 'GET') {
    const to = url.searchParams.get('to')?.trim().toLowerCase();
    return send(res, 200, to ? messages.filter((m) => m.to.includes(to)) : messages);
  }
  if (url.pathname === '/messages' && req.method === 'DELETE') {
    messages = [];
    return send(res, 204);
  }
  return send(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
});

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function shutdown(signal) {
  console.log(`smtp-sink: ${signal} received, stopping`);
  http.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}

try {
  await listen(smtp, SMTP_PORT);
  await listen(http, HTTP_PORT);
} catch (error) {
  console.error(`smtp-sink: cannot listen: ${error.message}`);
  process.exit(1);
}
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => shutdown(signal));
console.log(`smtp-sink: SMTP on smtp://${HOST}:${SMTP_PORT}, messages on http://${HOST}:${HTTP_PORT}/messages`);
