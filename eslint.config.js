// Lint = the import rules of docs/ARCHITECTURE.md, enforced, plus TypeScript's recommended checks.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

const electronOnlyInShell = { name: 'electron', message: 'Only main/shell and main/preload may import electron (docs/ARCHITECTURE.md).' };
const layer = (message, ...groups) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/artifacts/**', 'bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty-pattern': 'off',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // Hooks called in order and with their real dependencies; controls a keyboard or a screen reader can use.
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
      // Keyboard-first desk: each screen deliberately puts the cursor where the clerk types first.
      'jsx-a11y/no-autofocus': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            layer('The renderer talks to the core only through the contract (shared/); never import main/.', '**/main/**', '../../main/*'),
            { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    // Tests next to shared code may use the test tools; the code they test may not.
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'shared/ is runtime-neutral: only zod and other shared/ (or assets/ data) files.' },
            layer('shared/ imports nothing from main/ or renderer/.', '**/main/**', '**/renderer/**'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            layer(
              'main/core depends on shared/, main/store and core/ports only; adapters are wired in main/app.',
              '**/adapters/**',
              '**/rpc/**',
              '**/host/**',
              '**/shell/**',
              '**/preload/**',
              '**/cli/**',
              '**/app/**',
              '**/renderer/**',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['main/store/**/*.ts'],
    ignores: ['main/store/dialect.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            { name: 'better-sqlite3', message: 'Database drivers are imported only in main/store/dialect.ts.' },
            { name: 'pg', message: 'Database drivers are imported only in main/store/dialect.ts.' },
          ],
          patterns: [layer('main/store sits below the core: it imports shared/ and kysely only.', '**/core/**', '**/adapters/**', '**/app/**', '**/rpc/**')],
        },
      ],
    },
  },
  {
    files: ['main/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [layer('Adapters implement core/ports; they do not reach up into the app or transports.', '**/rpc/**', '**/host/**', '**/shell/**', '**/cli/**', '**/app/**')],
        },
      ],
    },
  },
  {
    files: ['main/shell/**/*.ts', 'main/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // CommonJS helpers that run before or outside the bundle (the Electron stand-in is loaded with --require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.spec.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
