// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources and tests.
// `npm run lint` runs ESLint, then `prettier --check .` (formatting: `npm run format`, .prettierrc).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'out/**',
      'coverage/**',
      '**/*.d.ts',
      'peers/**',
      'deploy/**/*.js',
      'examples/**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a callback's
      // leading parameter); everything else unused is an error.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Inline `import('@tensorflow/tfjs').Tensor` types keep optional packages out of the static
      // import graph (a runtime's absence is an answer, not a crash).
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-import-type-side-effects': 'off',
      // Adapters over untyped module shapes (onnxruntime-web's wasm env, tfjs internals, jstat)
      // need `any` at the boundary; each use is local to one adapter.
      '@typescript-eslint/no-explicit-any': 'off',
      // Empty catch-alls and no-op callbacks are written on purpose (best-effort cleanup).
      '@typescript-eslint/no-empty-function': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Stripping and matching terminal control characters (escape.ts, ANSI checks) is the point
      // of those regexes.
      'no-control-regex': 'off',
      // Loop state declared with a start value before a `for (;;)` (the measuring loops) is
      // clearer than a bare declaration; the rule flags the start value as never read.
      'no-useless-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        performance: 'readonly',
      },
    },
  },
);
