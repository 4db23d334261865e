import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Layers, top to bottom: web → api (types only) → db/indicators; indicators imports nothing with I/O. */
const noImport = (group, message) => ['error', { patterns: [{ group, message }] }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'db/migrations/**',
      'test/artifacts/**',
      'bench/results/**',
      'bench/tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['indicators/**/*.ts'],
    rules: {
      'no-restricted-imports': noImport(
        ['node:*', 'fs', 'path', '**/db/**', '**/api/**', '**/web/**', 'better-sqlite3', 'drizzle-orm*', 'hono*'],
        'indicators/ is pure: no I/O, no database, no HTTP',
      ),
      'no-restricted-globals': ['error', 'fetch', 'process', 'localStorage', 'document', 'window'],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': noImport(['**/api/**', '**/web/**', 'hono*'], 'db/ sits below api/ and web/') },
  },
  {
    files: ['api/**/*.ts'],
    rules: { 'no-restricted-imports': noImport(['**/web/**'], 'api/ must not import the dashboard') },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', 'better-sqlite3', 'drizzle-orm*', 'node:*'],
              message: 'web/ never touches the database or Node',
            },
            {
              group: ['**/api/services/**', '**/api/routes/**', '**/api/middleware/**'],
              message: 'web/ takes response types from AppType through web/queries/, not from api/ internals',
            },
            {
              // Types only, and only the app's contract (AppType, the error envelope): not the internals above.
              regex: '(^|/)api/(?!services/|routes/|middleware/)',
              message: 'web/ imports only types from api/',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
