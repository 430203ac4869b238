#!/usr/bin/env node
// npm run bench:ort [-- --rounds 3 --runs 10]
// ONNX Runtime's two builds on this machine's CPU (docs/PERFORMANCE.md, "ORT's two builds"): the WebGPU build
// (JSEP: asyncify-compiled wasm, 28 MB) and the plain WASM build (14 MB), each in a fresh worker of a fresh
// page, alternating, on the app's face model (YuNet, 640×640) and text model (PP-OCRv4 det, 640×640): time to
// load the build and open the model, the first inference, and the mean of `runs` more. One ORT thread, as
// the app uses on 2 cores. Prints a JSON line per measurement and a summary table (medians).
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, ROOT } from '../cli/browser.mjs';

const { values: options } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, runs: { type: 'string', default: '10' } },
});

const BUILDS = { webgpu: 'ort.min.mjs', wasm: 'ort.wasm.min.mjs' };
const MODELS = { face: 'yunet-n.onnx', text: 'ppocr-v4-det.onnx' };
const PAGE = `<!doctype html><script type="module">
window.measure = (args) => new Promise((resolve, reject) => {
  const worker = new Worker('/bench/worker.mjs', { type: 'module' });
  worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
  worker.onerror = (e) => reject(new Error(e.message));
  worker.postMessage(args);
});
</script>`;

/** node_modules/onnxruntime-web/dist/ as /dist/, public/ as /, this folder's worker as /bench/. */
function fileFor(url) {
  const path = normalize(new URL(url, 'http://x').pathname);
  if (path.startsWith('/dist/')) return join(ROOT, 'node_modules/onnxruntime-web', path);
  if (path.startsWith('/bench/')) return join(ROOT, 'bench/ort-builds', path.slice(7));
  return join(ROOT, 'public', path);
}

const TYPES = { '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((request, response) => {
  const headers = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  };
  if (request.url === '/')
    return response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
  const file = fileFor(request.url);
  if (!existsSync(file)) return response.writeHead(404).end();
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, { ...headers, 'Content-Type': type }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const results = [];
try {
  for (let round = 0; round < Number(options.rounds); round++) {
    for (const [build, file] of Object.entries(BUILDS)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      for (const [model, path] of Object.entries(MODELS)) {
        const args = {
          bundle: `/dist/${file}`,
          model: `/models/${path}`,
          size: 640,
          runs: Number(options.runs),
        };
        const measured = await page.evaluate((a) => window.measure(a), args);
        const line = { build, model, ...measured };
        results.push(line);
        console.log(JSON.stringify(line));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log('\nbuild    model  open ms  first run ms  run ms (median of rounds)');
for (const build of Object.keys(BUILDS)) {
  for (const model of Object.keys(MODELS)) {
    const mine = results.filter((r) => r.build === build && r.model === model);
    const cell = (key) =>
      median(mine.map((r) => r[key]))
        .toFixed(0)
        .padStart(7);
    console.log(
      `${build.padEnd(8)} ${model.padEnd(5)} ${cell('openMs')}  ${cell('firstRunMs')}       ${cell('runMs')}`,
    );
  }
}
