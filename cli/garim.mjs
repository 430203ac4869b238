#!/usr/bin/env node
// garim — batch de-identification with the same in-browser pipeline the app runs (headless Chromium).
//   garim redact IN -o OUT [--regions-out REGIONS.json] [--timeout-s N] [--mode M] [--no-plates]
//                [--style mosaic|solid|blur] [--strength 3..10] [--pad 1.1..2.0] [--project FILE]
//   garim redact IN... -o OUT_DIR [--regions-out DIR] [--project FILE]... (files or folders; one browser)
//   garim detect IMAGE_OR_DIR... --out DETS.json
// Output formats are documented in docs/CLI.md and are a stable contract.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, openApp, startServer } from './browser.mjs';
import { backToStart, chooseOptions, redactInPage, redactProjectInPage } from './redact-page.mjs';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp']);

function usage(code = 2, problem = '') {
  if (problem) console.error(`garim: ${problem}`);
  console.error(`usage:
  garim redact IN -o OUT [--regions-out REGIONS.json] [--timeout-s SECONDS] [--project FILE]
  garim redact IN... -o OUT_DIR [--regions-out DIR] [--project FILE]...   (files or folders of videos)
  garim detect IMAGE_OR_DIR... --out DETS.json
options: --mode fast|balanced|thorough, --no-plates, --style mosaic|solid|blur,
         --strength 3..10 (cells across a region; fewer is safer),
         --pad 1.1..2.0 (each box grown this much about its centre, in tenths; larger is safer)
         (redact; default: the app's defaults),
         --project FILE.garim.json (export a project file reviewed in the app onto its video; in a
         batch, each input takes the project whose source name is its file name),
         --rebuild (build the app first even if dist/ exists)`);
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

const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm', '.mkv', '.avi']);
const MODES = new Set(['fast', 'balanced', 'thorough']);
const STYLES = new Set(['mosaic', 'solid', 'blur']);
/** The padding the review screen offers (src/regions/types.ts MIN_PADDING, MAX_PADDING, in tenths). */
const PADDING = { min: 1.1, max: 2 };

/** `--pad`: a number from 1.1 to 2.0 in tenths, as the review screen's slider offers; else undefined. */
function paddingOf(value) {
  const pad = Number(value);
  const tenths = Math.round(pad * 10);
  const inTenths = Number.isFinite(pad) && Math.abs(pad * 10 - tenths) < 1e-6;
  return inTenths && tenths >= PADDING.min * 10 && tenths <= PADDING.max * 10
    ? tenths / 10
    : undefined;
}

/**
 * Each file as given; each folder's files with one of `extensions`, in name order, and with `recurse` its
 * subfolders' too (`detect` takes whole trees of images, `redact` a folder of videos).
 */
function collectFiles(paths, extensions, recurse) {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .sort()
      .map((name) => join(path, name))
      .flatMap((p) => {
        if (statSync(p).isDirectory()) return recurse ? collectFiles([p], extensions, true) : [];
        return extensions.has(extname(p).toLowerCase()) ? [p] : [];
      });
  });
}

/** `IN.mp4` → `OUT_DIR/IN.garim.mp4` (the app's own download name). */
function outputIn(dir, input, suffix = '.garim.mp4') {
  return join(dir, `${basename(input, extname(input))}${suffix}`);
}

/** The REGIONS.json document of one redacted file (docs/CLI.md, version 1). */
function regionsDoc({ frames, info, detector, redaction, selfCheck }) {
  return { version: 1, source: info.fileName, video: info, detector, redaction, frames, selfCheck };
}

/** The JSON line printed for one file that was redacted. */
function summaryLine(input, output, result) {
  return {
    input: resolve(input),
    output: resolve(output),
    // What the output holds (a damaged input's frames that nothing could decode are not in it).
    frames: result.outputCounts.frames,
    framesDecoded: result.outputCounts.decoded,
    framesConcealed: result.outputCounts.concealed,
    framesFilled: result.outputCounts.filled,
    analyseFps: Number(result.analyseFps.toFixed(2)),
    exportFps: Number(result.exportFps.toFixed(2)),
    backend: result.detector.backend,
    outputBytes: result.outputBytes,
    selfCheckFindings: result.selfCheck.length,
  };
}

/** "[2/5] clip.mp4 · 1:10 elapsed · about 1:45 left" on a terminal (stderr), nothing otherwise. */
function progressLine(done, total, input, startedMs) {
  if (!process.stderr.isTTY) return;
  const elapsed = (Date.now() - startedMs) / 1000;
  const clock = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
  const left = done > 0 ? ` · about ${clock((elapsed / done) * (total - done))} left` : '';
  process.stderr.write(
    `\r[${done + 1}/${total}] ${basename(input)} · ${clock(elapsed)} elapsed${left}\x1b[K`,
  );
}

function redactOptions(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      'regions-out': { type: 'string' },
      'timeout-s': { type: 'string', default: '3600' },
      mode: { type: 'string' },
      'no-plates': { type: 'boolean', default: false },
      style: { type: 'string' },
      strength: { type: 'string' },
      pad: { type: 'string' },
      project: { type: 'string', multiple: true },
      rebuild: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0 || !values.output) usage();
  if (values.mode !== undefined && !MODES.has(values.mode)) usage();
  if (values.style !== undefined && !STYLES.has(values.style)) usage();
  const strength = values.strength === undefined ? undefined : Number(values.strength);
  if (strength !== undefined && !(Number.isInteger(strength) && strength >= 3 && strength <= 10)) {
    usage();
  }
  if (values.pad !== undefined && paddingOf(values.pad) === undefined) {
    usage(2, `--pad ${values.pad}: a number from 1.1 to 2.0, in tenths`);
  }
  return { values, positionals };
}

/** The name of the video a project file was made from (its `source.name`); a usage error if unreadable. */
function projectSourceName(path) {
  try {
    const name = JSON.parse(readFileSync(path, 'utf8'))?.source?.name;
    if (typeof name === 'string') return name;
  } catch {
    // Said below.
  }
  return usage(2, `--project ${path}: not a readable Garim project file`);
}

/**
 * Which project file each input is exported from (`--project`): a single input and a single project go
 * together; otherwise each input takes the project whose `source.name` is its file name, and a project
 * that names none of the inputs (or a name twice) is a usage error. Inputs without one are analysed.
 */
function projectsFor(inputs, projects = []) {
  const byInput = new Map();
  if (inputs.length === 1 && projects.length === 1) {
    projectSourceName(projects[0]);
    return byInput.set(inputs[0], resolve(projects[0]));
  }
  const named = new Map();
  for (const project of projects) {
    const name = projectSourceName(project);
    if (named.has(name)) usage(2, `--project: two project files are for ${name}`);
    named.set(name, resolve(project));
  }
  for (const input of inputs) {
    const project = named.get(basename(input));
    if (project) byInput.set(input, project);
  }
  const inputNames = new Set(inputs.map((input) => basename(input)));
  for (const [name, project] of named) {
    if (!inputNames.has(name)) usage(2, `--project ${project}: its video ${name} is not an input`);
  }
  return byInput;
}

/**
 * `garim redact IN -o OUT` (one file to OUT), or `garim redact IN... -o OUT_DIR` (files or folders; each
 * output named after its input, in OUT_DIR): one browser for the whole batch, one JSON line per file, a
 * failed file reported and the others still done, exit status 1 when any failed.
 */
async function redactCommand(args) {
  const { values, positionals } = redactOptions(args);
  const inputs = collectFiles(positionals, VIDEO_EXTENSIONS, false);
  const projects = projectsFor(inputs, values.project);
  const toDir =
    positionals.length > 1 ||
    statSync(positionals[0]).isDirectory() ||
    (existsSync(values.output) && statSync(values.output).isDirectory());
  if (toDir) mkdirSync(values.output, { recursive: true });
  if (toDir && values['regions-out']) mkdirSync(values['regions-out'], { recursive: true });
  const options = { mode: values.mode, plates: values['no-plates'] ? false : undefined };
  const cover = {
    style: values.style,
    strength: values.strength === undefined ? undefined : Number(values.strength),
    padding: values.pad === undefined ? undefined : paddingOf(values.pad),
  };
  const startedMs = Date.now();
  let failed = 0;
  await withApp(values.rebuild, async (page) => {
    const detector = await page.evaluate(() => window.__garim.detectorInfo());
    for (const [i, input] of inputs.entries()) {
      progressLine(i, inputs.length, input, startedMs);
      const output = toDir ? outputIn(values.output, input) : values.output;
      const timeoutMs = Number(values['timeout-s']) * 1000;
      const project = projects.get(input);
      try {
        await backToStart(page);
        // An input with a project file takes its settings (and tracks) from it.
        const summary = project
          ? await redactProjectInPage(
              page,
              resolve(input),
              project,
              resolve(output),
              timeoutMs,
              cover,
            )
          : await chooseOptions(page, options).then(() =>
              redactInPage(page, resolve(input), resolve(output), timeoutMs, cover),
            );
        const result = { ...summary, detector };
        if (values['regions-out']) {
          const path = toDir
            ? outputIn(values['regions-out'], input, '.garim.regions.json')
            : values['regions-out'];
          writeFileSync(path, JSON.stringify(regionsDoc(result), null, 1));
        }
        console.log(JSON.stringify(summaryLine(input, output, result)));
      } catch (error) {
        failed++;
        console.log(JSON.stringify({ input: resolve(input), error: error.message }));
      }
    }
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (failed > 0) {
    console.error(`garim redact: ${failed} of ${inputs.length} files failed`);
    process.exit(1);
  }
}

async function detectCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0 || !values.out) usage();
  const files = collectFiles(positionals, IMAGE_EXTENSIONS, true);
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
