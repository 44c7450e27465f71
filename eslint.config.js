import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const typed = { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } };
/** A promise nobody waits for must say what happens when it fails: `void` alone hides a rejection. */
const promiseRules = {
  '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
  '@typescript-eslint/no-misused-promises': 'error',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'src/infra/db/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // The bot's own code gets every type-aware check.
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: typed,
    rules: promiseRules,
  },
  // Tests read loosely typed JSON from fakes; there the promise checks matter most.
  {
    files: ['test/**/*.ts', '*.ts'],
    languageOptions: typed,
    rules: promiseRules,
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
