import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'open-transport-hub';

/**
 * The workspace root: the nearest folder above this file whose package.json is the project's own. Works from the
 * TypeScript sources (tests) and from the compiled `dist/backend` alike.
 */
export function findWorkspaceRoot(from = __dirname): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === PACKAGE_NAME) return dir;
      } catch {
        // not ours, keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let cachedVersion: string | undefined;

/** The `version` of the root package.json (the release version of the whole app). */
export function appVersion(): string {
  if (cachedVersion === undefined) {
    const root = findWorkspaceRoot();
    try {
      const pkg = root ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }) : {};
      cachedVersion = pkg.version ?? '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}
