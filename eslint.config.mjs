// ESLint 9 (flat config) over every TS/JS source of the app and the plugin: ESLint's and
// typescript-eslint's recommended rules, the rules of hooks for the admin panels, and nothing that
// Prettier decides (eslint-config-prettier last). Not type-aware: the type checker is
// `npm run typecheck`, and type-aware linting would typecheck Strapi's types a second time.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
// A binding named with a leading underscore is unused on purpose (a signature kept); so is a key
// taken out of an object to copy the rest (`const { note, ...rest } = item`).
const UNUSED = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true };
const ADMIN = ['src/plugins/linkage/admin/src/**/*.{ts,tsx}', 'src/admin/**/*.{ts,tsx}'];

export default defineConfig([
  {
    ignores: ['node_modules/', 'dist/', 'build/', '.cache/', '.tmp/', '.strapi/', 'coverage/', 'src/plugins/linkage/dist/', 'types/generated/', 'public/'],
  },
  js.configs.recommended,
  { rules: { 'no-unused-vars': ['error', UNUSED] } },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS })),
  {
    files: TS,
    rules: { '@typescript-eslint/no-unused-vars': ['error', UNUSED] },
  },
  {
    // Node's CommonJS: the scripts, the benchmarks, jest's configuration.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ADMIN,
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  prettier,
]);
