/**
 * The test hooks stay out of the app people get: a production build's JS (the page and every worker chunk)
 * carries none of their names and keeps the command line's `window.__garim` contract (docs/CLI.md). A test
 * build (`--mode e2e`) is built too and must carry them all, so the grep is known to look at the right
 * files. Two real `vite build`s, run side by side (a few seconds each on an idle machine).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Names only the test hooks use: the fault injection, the replaced detections, the quota switch. */
const TEST_ONLY = [
  'injectFault',
  'injectDecodeHold',
  'injectDecodeFault',
  'injectDetectDeadline',
  'injectDeviceLost',
  'injectDetections',
  'garim.test.quotaFull',
  'failNextRender',
  'detectDeadline',
];
/** `window.__garim` in every build: what cli/ and bench/ call. */
const CONTRACT = ['detectorInfo', 'detectImage', 'redaction', 'lastResult'];

/** A build's JS files by name (assets/*.js: the page's chunks and the workers'). */
type Bundle = Map<string, string>;

const dirs: string[] = [];

async function build(mode: 'production' | 'e2e'): Promise<Bundle> {
  const outDir = mkdtempSync(join(tmpdir(), `garim-${mode}-build-`));
  dirs.push(outDir);
  const args = [VITE, 'build', '--mode', mode, '--logLevel', 'error', '--outDir', outDir];
  await promisify(execFile)(process.execPath, [...args, '--emptyOutDir'], { cwd: ROOT });
  const assets = join(outDir, 'assets');
  const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
  return new Map(files.map((name) => [name, readFileSync(join(assets, name), 'utf8')]));
}

/** The files of `bundle` that contain `text`. */
function filesWith(bundle: Bundle, text: string): string[] {
  return [...bundle].filter(([, code]) => code.includes(text)).map(([name]) => name);
}

/** The one chunk of `bundle` whose name starts with `prefix` (e.g. `media.worker-`). */
function chunk(bundle: Bundle, prefix: string): string {
  const names = [...bundle.keys()].filter((name) => name.startsWith(prefix));
  expect(names, `chunks named ${prefix}*`).toHaveLength(1);
  return bundle.get(names[0] ?? '') ?? '';
}

describe('the built app', () => {
  let production: Bundle;
  let testBuild: Bundle;

  beforeAll(async () => {
    [production, testBuild] = await Promise.all([build('production'), build('e2e')]);
  }, 300_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('has worker chunks of its own in both builds', () => {
    for (const bundle of [production, testBuild]) {
      expect(chunk(bundle, 'media.worker-')).not.toBe('');
      expect(chunk(bundle, 'detect.worker-')).not.toBe('');
    }
  });

  it('keeps the test hooks out of every production file, page and workers', () => {
    for (const name of TEST_ONLY) expect(filesWith(production, name), name).toEqual([]);
  });

  it('keeps the command line contract in the production build', () => {
    for (const name of CONTRACT) expect(filesWith(production, name), name).not.toEqual([]);
    expect(chunk(production, 'detect.worker-')).toContain('detectImage');
  });

  it('has every test hook in the test build, the workers’ in their chunks', () => {
    for (const name of TEST_ONLY) expect(filesWith(testBuild, name), name).not.toEqual([]);
    const media = chunk(testBuild, 'media.worker-');
    const detect = chunk(testBuild, 'detect.worker-');
    for (const name of ['injectDecodeHold', 'injectDecodeFault', 'injectDetectDeadline']) {
      expect(media).toContain(name);
    }
    for (const name of ['injectFault', 'injectDeviceLost', 'injectDetections']) {
      expect(detect).toContain(name);
    }
  });
});
