// Runs right before Playwright's webServer starts the built app (see playwright.config.ts):
// checks that the apps were built and gives the server a fresh, empty SQLite database and mail folder.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const needed = ['dist/backend/main.js', 'dist/frontend/browser/index.html'];
const missing = needed.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`e2e: missing ${missing.join(', ')}. Build the apps first: npm run build`);
  process.exit(1);
}

const sqlitePath = process.env.SQLITE_PATH;
const mailDir = process.env.MAIL_DIR;
if (!sqlitePath || !mailDir) {
  console.error('e2e: SQLITE_PATH and MAIL_DIR must be set (playwright.config.ts sets them)');
  process.exit(1);
}
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${sqlitePath}${suffix}`, { force: true });
rmSync(mailDir, { recursive: true, force: true });
mkdirSync(dirname(sqlitePath), { recursive: true });
mkdirSync(mailDir, { recursive: true });
