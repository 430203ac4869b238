import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

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
      'no-restricted-imports': restrict(
        [
          { name: 'idb', message: 'Only src/store/ may use idb.' },
          { name: 'comlink', message: 'Only src/workers/ may use comlink.' },
          { name: 'konva', message: 'Only src/editor/ may use konva.' },
          { name: 'react-konva', message: 'Only src/editor/ may use react-konva.' },
          { name: 'onnxruntime-web', message: 'Only src/detect/ may use onnxruntime-web.' },
        ],
        [{ group: ['@ffmpeg/*'], message: 'Only src/media/ffmpeg/ may use ffmpeg.wasm.' }],
      ),
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
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/detect/**'],
    rules: {
      'no-restricted-imports': restrict([
        { name: 'comlink', message: 'Only src/workers/ may use comlink.' },
      ]),
    },
  },
  { files: ['src/media/ffmpeg/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/store/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/editor/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { name: 'idb', message: 'Only src/store/ may use idb.' },
          { name: 'comlink', message: 'Only src/workers/ may use comlink.' },
          { name: 'onnxruntime-web', message: 'Only src/detect/ may use onnxruntime-web.' },
        ],
        [{ group: ['@ffmpeg/*'], message: 'Only src/media/ffmpeg/ may use ffmpeg.wasm.' }],
      ),
    },
  },
  {
    files: ['src/regions/**', 'src/lib/**'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          {
            group: ['../*', '!../regions/*', '!../lib/*'],
            message: 'regions/ and lib/ stay pure: no imports from other src/ folders.',
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
