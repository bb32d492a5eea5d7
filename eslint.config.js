import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layer rule: `core <- workers <- bridge <- store <- features <- app`; cli uses core only. */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({ group: [group], message: why })),
      },
    ],
  },
});

const uiLibs = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'plotly.js-dist-min', 'plotly.js-cartesian-dist-min', 'comlink'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'public/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/features/**/*.ts', 'src/app/**/*.ts', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  layer(
    ['src/core/**'],
    [...uiLibs, '**/workers/**', '**/bridge/**', '**/store/**', '**/storage/**', '**/features/**', '**/app/**', '**/ui/**', '**/cli/**'],
    'src/core is the pure engine: no DOM, React, store, chart or worker imports, so it runs in Node and in workers alike.',
  ),
  layer(
    ['src/workers/**'],
    ['react', 'react-dom', 'zustand', 'plotly.js-dist-min', 'plotly.js-cartesian-dist-min', '**/bridge/**', '**/store/**', '**/storage/**', '**/features/**', '**/app/**', '**/ui/**', '**/cli/**'],
    'Workers are thin entry points over src/core; they know nothing of the UI.',
  ),
  layer(
    ['src/bridge/**'],
    ['react', 'react-dom', 'zustand', '**/store/**', '**/features/**', '**/app/**', '**/ui/**', '**/cli/**'],
    'The bridge owns worker lifecycles; the store calls it, never the other way round.',
  ),
  layer(
    ['src/store/**', 'src/storage/**'],
    ['react', 'react-dom', 'plotly.js-dist-min', 'plotly.js-cartesian-dist-min', '**/features/**', '**/app/**', '**/ui/**', '**/cli/**'],
    'The store is UI-free state and actions; components read it, it never imports them.',
  ),
  layer(
    ['src/ui/**'],
    ['zustand', '**/core/**', '**/workers/**', '**/bridge/**', '**/store/**', '**/storage/**', '**/features/**', '**/app/**', '**/cli/**'],
    'src/ui holds generic presentational pieces and imports nothing app-specific.',
  ),
  layer(
    ['src/features/**'],
    ['**/app/**', '**/workers/**', '**/cli/**'],
    'Features talk to workers through the store and bridge, and never import the app shell.',
  ),
  layer(
    ['src/cli/**'],
    [...uiLibs, '**/workers/**', '**/bridge/**', '**/store/**', '**/storage/**', '**/features/**', '**/app/**', '**/ui/**'],
    'The CLI runs the engine headless: src/core only.',
  ),
);
