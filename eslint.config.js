import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

/** Each heavy dependency has one home folder. */
const HEAVY = [
  { name: 'idb', message: 'Only src/store/ may use idb.' },
  { name: 'comlink', message: 'Only src/workers/ may use comlink.' },
  { name: 'konva', message: 'Only src/editor/ may use konva.' },
  { name: 'react-konva', message: 'Only src/editor/ may use react-konva.' },
  { name: 'onnxruntime-web', message: 'Only src/detect/ may use onnxruntime-web.' },
];
const HEAVY_PATTERNS = [
  { group: ['@ffmpeg/*'], message: 'Only src/media/ffmpeg/ may use ffmpeg.wasm.' },
];
const heavyExcept = (...names) => HEAVY.filter((path) => !names.includes(path.name));
/** The layers below the job (media, detect, store, workers) never import the job or the UI. */
const UPWARD = {
  group: ['**/app/*', '**/job/*', '**/ui/*', '**/editor/*'],
  message:
    'media/, detect/, store/ and workers/ sit below the job and the UI: they never import them.',
};
/** Only src/job/ writes through src/store/; the UI reads previews through store/read.ts. */
const STORE_WRITES = {
  group: ['**/store/*', '!**/store/read.ts'],
  message:
    'Only src/job/ writes through src/store/: the UI reads through store/read.ts or calls src/job/.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'public',
      'test-results',
      'test-results-*',
      'playwright-report',
      'e2e/.generated',
      'bench/results',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      curly: ['error', 'multi-line'],
      // Fences (see docs/ARCHITECTURE.md): each heavy dependency has one home folder.
      'no-restricted-imports': restrict(HEAVY, HEAVY_PATTERNS),
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Worker']",
          message: 'Only src/workers/ creates Workers.',
        },
      ],
    },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': restrict([], [UPWARD]),
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src/detect/**'],
    rules: {
      'no-restricted-imports': restrict(heavyExcept('onnxruntime-web'), [
        ...HEAVY_PATTERNS,
        UPWARD,
      ]),
    },
  },
  { files: ['src/media/ffmpeg/**'], rules: { 'no-restricted-imports': restrict([], [UPWARD]) } },
  {
    files: ['src/media/*'],
    rules: { 'no-restricted-imports': restrict(HEAVY, [...HEAVY_PATTERNS, UPWARD]) },
  },
  { files: ['src/store/**'], rules: { 'no-restricted-imports': restrict([], [UPWARD]) } },
  {
    // The screens: they run jobs through src/job/ and never write the store themselves.
    files: ['src/app/**', 'src/pwa/**'],
    rules: { 'no-restricted-imports': restrict(HEAVY, [...HEAVY_PATTERNS, STORE_WRITES]) },
  },
  {
    // The editor is a component the screens use: it knows nothing of them or of the job.
    files: ['src/editor/**'],
    rules: {
      'no-restricted-imports': restrict(heavyExcept('konva', 'react-konva'), [
        ...HEAVY_PATTERNS,
        STORE_WRITES,
        { group: ['**/app/*', '**/job/*'], message: 'editor/ never imports app/ or job/.' },
      ]),
    },
  },
  {
    // Shared UI infrastructure (i18n, messages, formatting, small controls): below every screen.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': restrict(HEAVY, [
        ...HEAVY_PATTERNS,
        {
          group: ['**/app/*', '**/job/*', '**/editor/*', '**/store/*', '**/workers/*'],
          message:
            'ui/ is shared UI infrastructure: it never imports screens, the job, the store or workers.',
        },
      ]),
    },
  },
  {
    files: ['src/regions/**', 'src/lib/**', 'src/redact/**'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          {
            group: ['../*/*', '!../regions/*', '!../lib/*'],
            message: 'regions/, redact/ and lib/ stay pure: no imports from other src/ folders.',
          },
        ],
      ),
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**', 'bench/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
