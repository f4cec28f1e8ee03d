// Backend test projects: `unit` (specs beside the code, no I/O) and `integration`
// (real database: SQLite always, PostgreSQL when DATABASE_URL is set; see test/setup).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages that CommonJS dependencies require(): Node >= 20.19 loads them natively, Jest's module
// runtime does not (before Node 24.9), so swc compiles them to CommonJS for the tests.
// (content-disposition 3 is required by @fastify/static, which serves the web app and Swagger UI; @fastify/cookie
// loads cookie 2 with a dynamic import(), which Jest's runtime refuses, so swc turns that import into a require.)
const esmOnlyPackages = ['content-disposition', '@fastify/cookie', 'cookie'];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/(${esmOnlyPackages.join('|')})/.+\\.js$`]: swc,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
  ],
};
