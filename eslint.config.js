import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Layers, top to bottom: web → api (types only) → db/indicators; indicators imports nothing with I/O. */
const noImport = (group, message, ...more) => ['error', { patterns: [{ group, message }, ...more] }];

/** Outside indicators/, the model is used through its public surface, indicators/index.ts, only. */
const modelSurface = {
  group: ['**/indicators/**', '!**/indicators/index.ts'],
  message: 'import the model through indicators/index.ts, its public surface',
};

/**
 * What the dashboard may take from the model: its vocabulary, configuration, period arithmetic,
 * rounding, types, and the one geometry helper the API shares (`polygonsOf`: an area file's polygons). Scores are computed by the API; the methodology page's worked example is the
 * one place that runs the model in the browser (its own override below).
 */
const WEB_MODEL_VALUES = [
  'CONFIDENCES',
  'FRAMEWORK_IDS',
  'INSUFFICIENT_DATA',
  'LENSES',
  'MODEL_CONFIG',
  'MODEL_VERSION',
  'MONTH_NAMES',
  'NO_DATA',
  'RELEVANCES',
  'RISK_CLASSES',
  'ROLES',
  'SCENARIOS',
  'SCORE_CLASSES',
  'addMonths',
  'firstMonthFrom',
  'apportion',
  'isPeriod',
  'longPeriod',
  'periodIndex',
  'polygonsOf',
];
const webImports = (modelValues) => [
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
      modelSurface,
      {
        group: ['**/indicators/index.ts'],
        allowImportNames: modelValues,
        allowTypeImports: true,
        message:
          'web/ takes from the model its vocabulary, configuration, periods, rounding, types and polygonsOf only (eslint.config.js)',
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'db/migrations/**',
      'db/pg/migrations/**',
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
    rules: {
      'no-restricted-imports': noImport(
        ['**/api/**', '**/web/**', 'hono*'],
        'db/ sits below api/ and web/',
        modelSurface,
      ),
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: { 'no-restricted-imports': noImport(['**/web/**'], 'api/ must not import the dashboard', modelSurface) },
  },
  {
    files: ['bin/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [modelSurface] }] },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': webImports(WEB_MODEL_VALUES),
    },
  },
  {
    // The worked example computes one region's score with the real model, as the API would.
    files: ['web/features/methodology/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': webImports([
        ...WEB_MODEL_VALUES,
        'ageFactor',
        'normalise',
        'scoreRegion',
      ]),
    },
  },
);
