// ESLint: typescript-eslint's type-checked strict and stylistic rules everywhere; React hooks and
// accessibility rules for the tab. Formatting is Prettier's job (eslint-config-prettier turns off
// the rules that would fight it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      'test-results/',
      'bench-results/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans read naturally in messages (`${count} actions`); objects still may not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Destructuring into a rest object is how a copy leaves fields out without `delete`.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['tab/**/*.{ts,tsx}', 'tests/bench/minimal/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['tab/**/*.{ts,tsx}', 'tests/bench/minimal/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Tests index into answers they have just asserted on; a wrong `!` fails the test all the same.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Imports run one way: handlers → domain and store; the tab → contract and domain; only the
  // tab's host layer talks to teams-js. These keep it so.
  {
    files: ['functions/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(node:|@azure/|jose|@microsoft/)', message: 'The domain is pure: no I/O, Node or Azure.' },
            { regex: '^\\.\\./', message: 'The domain imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!domain)', message: 'The contract builds on the domain alone.' }] },
      ],
    },
  },
  {
    files: ['functions/src/functions/**/*.ts', 'functions/src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@azure/data-tables', message: 'Only functions/src/store knows Table Storage.' }] },
      ],
    },
  },
  {
    files: ['tab/src/**/*.{ts,tsx}'],
    ignores: ['tab/src/host/office-host.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Office', message: 'Only tab/src/host/office-host.ts touches Office.js.' },
      ],
    },
  },
  {
    files: ['tab/src/**/*.{ts,tsx}'],
    ignores: ['tab/src/host/teams-host.ts', 'tab/src/host/office-host.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@microsoft/teams-js', message: 'Only tab/src/host/teams-host.ts talks to teams-js.' },
            { name: '@azure/msal-browser', message: 'Only tab/src/host/office-host.ts signs the Outlook add-in in.' },
          ],
          patterns: [
            {
              regex: 'functions/src/(?!domain|contract)',
              message: 'The tab imports only the domain and the contract from functions/.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
