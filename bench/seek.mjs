#!/usr/bin/env node
// npm run bench:seek [-- --seconds 10] [--seeks 40] [--dist FOLDER]
// Editor seek-to-frame latency (p50/p95) on a 720p project, and what the project stores per minute of video.
// Builds the working tree into a temporary folder (or serves an existing build with --dist), analyses a
// generated 720p clip through the UI and times seeks in the review editor (bench/seek-app.mjs). Prints JSON
// and writes bench/results/seek-latest.json. docs/BENCH.md explains every field.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../cli/browser.mjs';
import { makeClip } from './clips.mjs';
import { prepareApp, startAppServer } from './pipeline-app.mjs';
import { measureSeeks } from './seek-app.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    seeks: { type: 'string', default: '40' },
    dist: { type: 'string' },
  },
});
const began = performance.now();
const log = (message) =>
  console.error(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const seconds = Number(options.seconds);
const clip = makeClip(720, seconds);
const app = options.dist
  ? { dir: resolve(ROOT, options.dist), remove: () => undefined }
  : await prepareApp({ rebuild: true });
const server = await startAppServer(app.dir);
try {
  log(`app at ${server.url}; clip ${clip}`);
  const result = await measureSeeks(server.url, clip, { count: Number(options.seeks), log });
  const doc = {
    benchmark: 'garim-seek',
    version: 1,
    date: new Date().toISOString(),
    durationSec: Math.round((performance.now() - began) / 1000),
    machine: { cpus: os.cpus().length, loadAvg1: Math.round(os.loadavg()[0] * 10) / 10 },
    clip: { file: clip, height: 720, seconds, fps: 30, keyFrameEverySec: 2 },
    editorSeek: result,
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'seek-latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(JSON.stringify({ ...doc, editorSeek: { ...result, raw: undefined } }, null, 2));
} finally {
  await server.close();
  app.remove();
}
