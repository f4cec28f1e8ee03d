// @ts-check
// Backend ESLint config: type-aware typescript-eslint over src/ and test/ (typed by tsconfig.spec.json, which
// includes both), plus the workspace base from the root config. Run from this folder: `nx run backend:lint`.
import tseslint from 'typescript-eslint';
import { commonRules, prettierLast, workspaceBase } from '../eslint.config.mjs';

export default tseslint.config(
  ...workspaceBase,
  {
    name: 'backend/typescript',
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.spec.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      ...commonRules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Empty or static-only classes are a smell, except Nest's decorated ones (modules, controllers).
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
    },
  },
  {
    name: 'backend/tests',
    files: ['src/**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      // Tests read untyped JSON bodies (`res.json()` is `any`) and pass jest's asymmetric matchers
      // (`expect.any(String)`), and `expect(mock.method)` is not an unbound call: these rules guard app code only.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettierLast,
);
