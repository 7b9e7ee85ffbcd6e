// ESLint for the whole repository: typescript-eslint's recommended rules, React's rules of hooks, and the few
// habits of STYLE.md a machine can check. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'out-*/**',
      'release/**',
      'dist/**',
      'node_modules/**',
      'python/**',
      'bench/results/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off'
    }
  },
  {
    // Tests may poke at JSON answers loosely, and Playwright fixtures take `{}` when they use no other fixture.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // zod stays on the host: the renderer takes only types from shared/api.ts ([Note: zod stays on the host]).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)shared/api$', allowTypeImports: true, message: 'import values from shared/routes (zod-free); only types from shared/api' },
            { regex: '^zod', message: 'zod validates on the host only' }
          ]
        }
      ]
    }
  }
)
