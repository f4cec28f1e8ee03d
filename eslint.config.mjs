// @ts-check
// Root ESLint flat config.
//
// ESLint 9 reads the config in the directory it runs from, so each Nx project lints with its own cwd:
//   backend  → backend/eslint.config.mjs   (type-aware; builds on `workspaceBase` below)
//   e2e      → e2e/eslint.config.mjs       (type-aware; builds on `workspaceBase` below)
//   frontend → frontend/eslint.config.mjs  (self-contained, owned by the frontend)
//   tools    → this file (`nx run tools:lint`, which lints tools/ and the root config files)
// This file therefore ignores the project folders that carry their own config.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Output, caches and generated files: never linted. */
export const ignores = {
  name: 'workspace/ignores',
  ignores: [
    '**/dist/**',
    '**/node_modules/**',
    '**/tmp/**',
    '**/.nx/**',
    '**/.angular/**',
    '**/coverage/**',
    '**/test-results/**',
    '**/playwright-report/**',
    '**/artifacts/**',
    '**/data/**',
  ],
};

/** Rules that hold for every JavaScript and TypeScript file in the workspace. */
export const commonRules = {
  eqeqeq: ['error', 'always'],
  'no-var': 'error',
  'prefer-const': 'error',
};

/**
 * Nx project boundaries: the backend and the frontend may use only their own code and shared libraries;
 * end-to-end tests may use anything. Tags live in each project.json.
 */
export const moduleBoundaries = {
  name: 'workspace/module-boundaries',
  files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
  // Config files may reach into the workspace (e.g. a project config extending this file).
  ignores: ['**/*.config.{js,mjs,cjs,ts,mts,cts}'],
  plugins: { '@nx': nx },
  rules: {
    '@nx/enforce-module-boundaries': [
      'error',
      {
        enforceBuildableLibDependency: true,
        allow: [],
        depConstraints: [
          { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
          { sourceTag: 'scope:frontend', onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'] },
          { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
        ],
      },
    ],
  },
};

/** Plain JavaScript run by Node (scripts, CommonJS and ES module config files). */
export const nodeJavaScript = {
  name: 'workspace/node-javascript',
  files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
  ...js.configs.recommended,
  languageOptions: {
    ecmaVersion: 2023,
    globals: { ...globals.node },
  },
  rules: {
    ...js.configs.recommended.rules,
    ...commonRules,
    'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
  },
};

/** Formatting is Prettier's job: this switches off every stylistic rule. Keep it last. */
export const prettierLast = { name: 'workspace/prettier', ...prettier };

/** The pieces the project configs (backend/, e2e/) build on, in order: put project rules after, prettier last. */
export const workspaceBase = [ignores, nodeJavaScript, moduleBoundaries];

export default [
  ...workspaceBase,
  {
    name: 'root/projects-with-own-config',
    // Linted by their own Nx lint targets with their own eslint.config.mjs.
    ignores: ['frontend/**', 'backend/**', 'e2e/**'],
  },
  prettierLast,
];
