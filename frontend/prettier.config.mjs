// Inherits the repository's root Prettier settings and adds the Angular template parser, so that
// control-flow blocks (@if/@for) in component templates are formatted correctly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function rootConfig() {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, '..', '.prettierrc'), 'utf8'));
  } catch {
    return {};
  }
}

const root = rootConfig();

/** @type {import('prettier').Config} */
export default {
  ...root,
  overrides: [...(root.overrides ?? []), { files: 'src/**/*.html', options: { parser: 'angular' } }],
};
