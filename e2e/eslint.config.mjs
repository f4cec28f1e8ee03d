// @ts-check
// End-to-end tests: type-aware typescript-eslint over the Playwright config, specs and support code, on top of the
// workspace base from the root config. Run from this folder: `nx run e2e:lint`.
import tseslint from 'typescript-eslint';
import { commonRules, prettierLast, workspaceBase } from '../eslint.config.mjs';

export default tseslint.config(
  ...workspaceBase,
  {
    name: 'e2e/typescript',
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      ...commonRules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'e2e/locators',
    files: ['tests/**/*.ts'],
    rules: {
      // Locate by role, label and text: CSS and XPath selectors tie tests to markup details.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(locator|\\$|\\$\\$|\\$eval|\\$\\$eval|waitForSelector)$/]',
          message: 'Use getByRole/getByLabel/getByText (or getByTestId as a last resort), not CSS/XPath selectors.',
        },
      ],
    },
  },
  prettierLast,
);
