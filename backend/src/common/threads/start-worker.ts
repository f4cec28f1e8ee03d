import { existsSync } from 'node:fs';
import { Worker, WorkerOptions } from 'node:worker_threads';

/**
 * Loads a TypeScript module in a worker thread when the app runs from its sources (the tests: Jest compiles the main
 * thread's modules, but a worker is a plain Node.js thread). @swc/core compiles each `.ts` file as it is required,
 * with the options of backend/jest.config.js (decorator metadata included: TypeORM entities need it). The entry is
 * the last argument.
 */
const TYPESCRIPT_LOADER = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(process.argv[process.argv.length - 1]);
`;

/**
 * Starts a worker thread on one of the app's modules, named by its path without extension: the compiled `.js` when it
 * exists (the build, `dist/backend`), else the `.ts` source, compiled as it loads (tests).
 */
export function startWorker(modulePath: string, options: WorkerOptions = {}): Worker {
  const compiled = `${modulePath}.js`;
  if (existsSync(compiled)) return new Worker(compiled, options);
  const source = `${modulePath}.ts`;
  if (!existsSync(source)) throw new Error(`startWorker: neither ${compiled} nor ${source} exists`);
  return new Worker(TYPESCRIPT_LOADER, {
    ...options,
    eval: true,
    argv: [...((options.argv as unknown[] | undefined) ?? []), source],
  });
}
