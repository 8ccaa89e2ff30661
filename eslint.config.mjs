// Lint for the whole repo: typescript-eslint's recommended rules (syntax only, no type
// information: tsc already runs in `npm test`, and typed linting would double its time on 2 cores)
// and the two classic React hooks rules. Formatting is Prettier's job (`npm run lint` runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-h5/**', 'dist-api/**', 'coverage/**', '.data/**', 'node_modules/**'],
  },
  // a disable comment for a rule that would not fire is itself an error: no stray disables
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_name` marks an argument kept for a signature (Fastify hooks, Taro callbacks)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Chinese copy uses the ideographic space (U+3000) between fields on purpose
      'no-irregular-whitespace': [
        'error',
        { skipJSXText: true, skipStrings: true, skipTemplates: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // Only the two classic rules: the plugin's v7 "recommended" set adds React Compiler checks,
    // and this app does not use the compiler.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['tests/**'],
    languageOptions: { globals: globals.jest },
    rules: {
      // tests read JSON bodies as `any` and let the assertions check the shape
      '@typescript-eslint/no-explicit-any': 'off',
      // tests/api/native.ts loads the server through Node's own require, outside jest's sandbox
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // the hand-written native WeChat components run in the mini-program's own globals
    files: ['src/native/**/*.js'],
    languageOptions: { globals: { Component: 'readonly', wx: 'readonly' } },
    // ES5 on purpose (no transpiler for src/native): `var self = this` is how a timer reaches it
    rules: { '@typescript-eslint/no-this-alias': 'off' },
  },
  {
    // CommonJS config files (jest, babel, the native WeChat components)
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
