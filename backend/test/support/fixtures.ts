import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  remove(): void;
}

function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SPA_INDEX_MARKER = 'oth-test-spa-index';
export const SPA_HASHED_ASSET = 'main-ABCD1234.js';

/** A minimal web-app build: index.html, one content-hashed script and one plain file. Pass `dir` as SPA_DIR. */
export function createSpaFixture(): TempDir {
  const tmp = tempDir('oth-spa-');
  writeFileSync(
    join(tmp.dir, 'index.html'),
    `<!doctype html><html><head><title>${SPA_INDEX_MARKER}</title></head><body><app-root></app-root>` +
      `<script src="${SPA_HASHED_ASSET}" type="module"></script></body></html>`,
  );
  writeFileSync(join(tmp.dir, SPA_HASHED_ASSET), 'console.log("app");\n');
  writeFileSync(join(tmp.dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  return tmp;
}

/** A self-signed certificate for localhost (openssl), for TLS_CERT_FILE / TLS_KEY_FILE. */
export function createTlsFixture(): TempDir & { certFile: string; keyFile: string } {
  const tmp = tempDir('oth-tls-');
  const certFile = join(tmp.dir, 'cert.pem');
  const keyFile = join(tmp.dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ],
    { stdio: 'ignore' },
  );
  return { ...tmp, certFile, keyFile };
}
