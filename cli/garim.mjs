#!/usr/bin/env node
// garim — batch de-identification with the same in-browser pipeline the app runs (headless Chromium).
//   garim redact IN -o OUT [--regions-out REGIONS.json] [--timeout-s N]
//   garim detect IMAGE_OR_DIR... --out DETS.json
// Output formats are documented in docs/CLI.md and are a stable contract.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, openApp, startServer } from './browser.mjs';
import { redactInPage } from './redact-page.mjs';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp']);

function usage(code = 2) {
  console.error(`usage:
  garim redact IN -o OUT [--regions-out REGIONS.json] [--timeout-s SECONDS]
  garim detect IMAGE_OR_DIR... --out DETS.json
options: --rebuild (build the app first even if dist/ exists)`);
  process.exit(code);
}

async function withApp(rebuild, work) {
  ensureBuilt({ rebuild });
  const server = await startServer();
  const app = await openApp(server.url);
  try {
    return await work(app.page);
  } finally {
    await app.close();
    await server.close();
  }
}

async function redactCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      'regions-out': { type: 'string' },
      'timeout-s': { type: 'string', default: '3600' },
      rebuild: { type: 'boolean', default: false },
    },
  });
  const [input] = positionals;
  if (!input || !values.output || positionals.length !== 1) usage();
  const result = await withApp(values.rebuild, async (page) => {
    const detector = await page.evaluate(() => window.__garim.detectorInfo());
    const summary = await redactInPage(
      page,
      resolve(input),
      resolve(values.output),
      Number(values['timeout-s']) * 1000,
    );
    return { ...summary, detector };
  });
  if (values['regions-out']) {
    const { frames, info, detector, redaction } = result;
    const { selfCheck } = result;
    const doc = {
      version: 1,
      source: info.fileName,
      video: info,
      detector,
      redaction,
      frames,
      selfCheck,
    };
    writeFileSync(values['regions-out'], JSON.stringify(doc, null, 1));
  }
  console.log(
    JSON.stringify({
      output: resolve(values.output),
      frames: result.frames.length,
      analyseFps: Number(result.analyseFps.toFixed(2)),
      exportFps: Number(result.exportFps.toFixed(2)),
      backend: result.detector.backend,
      outputBytes: result.outputBytes,
      selfCheckFindings: result.selfCheck.length,
    }),
  );
}

function collectImages(paths) {
  const files = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const entries = readdirSync(path).sort();
      files.push(
        ...collectImages(
          entries
            .map((e) => join(path, e))
            .filter(
              (p) => statSync(p).isDirectory() || IMAGE_EXTENSIONS.has(extname(p).toLowerCase()),
            ),
        ),
      );
    } else files.push(path);
  }
  return files;
}

async function detectCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0 || !values.out) usage();
  const files = collectImages(positionals);
  const doc = await withApp(values.rebuild, async (page) => {
    const detector = await page.evaluate(() => window.__garim.detectorInfo());
    const padding = await page.evaluate(() => window.__garim.redaction.padding);
    const items = {};
    for (const file of files) {
      const bytes = readFileSync(file).toString('base64');
      const found = await page.evaluate(async (b64) => {
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        return window.__garim.detectImage(bin);
      }, bytes);
      items[file] = found.detections.map((d) => ({
        box: [d.box.x, d.box.y, d.box.w, d.box.h],
        score: d.score,
        class: d.class,
      }));
    }
    return {
      items,
      detector,
      padding: {
        factor: padding,
        note: `The app covers each box grown ${padding}x about its centre; boxes here are unpadded.`,
      },
    };
  });
  writeFileSync(values.out, JSON.stringify(doc, null, 1));
  console.log(JSON.stringify({ out: resolve(values.out), images: files.length }));
}

const [command, ...rest] = process.argv.slice(2);
const commands = { redact: redactCommand, detect: detectCommand };
if (!command || !(command in commands)) usage(command ? 2 : 0);
commands[command](rest).catch((error) => {
  console.error(`garim ${command}: ${error.message}`);
  process.exit(1);
});
