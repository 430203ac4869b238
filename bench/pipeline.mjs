#!/usr/bin/env node
// npm run bench [-- --long] [--rebuild] [--start-runs N]
// The pipeline benchmark: the real app (built dist/, headless Chromium, driven through its UI) on generated
// clips with moving faces and audio, next to native ffmpeg doing the equivalent job in the same run.
// Prints a table and writes bench/results/bench-<timestamp>.json and bench/results/latest.json; the JSON
// format is a stable contract documented in docs/BENCH.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumPath, ensureBuilt, ROOT, startServer } from '../cli/browser.mjs';
import { redactInPage } from '../cli/redact-page.mjs';
import { GENERATED, makeAviClip, makeClip, probe } from './clips.mjs';
import { launchBrowser, openPage, startupTimes } from './page.mjs';
import { descendants, runMeasured, sampleMemory } from './proc.mjs';
import { BENCHMARK, VERSION, entry, formatTable, median, refer, round } from './report.mjs';

const { values: options } = parseArgs({
  options: {
    long: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'start-runs': { type: 'string', default: '3' },
  },
});

const began = performance.now();
const seconds = (since) => (performance.now() - since) / 1000;
const log = (message) => console.log(`[${seconds(began).toFixed(0).padStart(4)} s] ${message}`);
const errorText = (error) => String(error?.message ?? error).split('\n')[0];

// ---------------------------------------------------------------------------------------------- inputs

function clip(name, path) {
  return { name, path, ...probe(path) };
}

function clipSettings(c) {
  return {
    clip: c.name,
    input: basename(c.path),
    width: c.width,
    height: c.height,
    fps: round(c.frames / c.durationSec),
    seconds: round(c.durationSec),
    frames: c.frames,
    container: c.container.split(',')[0],
    videoCodec: c.videoCodec,
    audioCodec: c.audioCodec,
  };
}

// ---------------------------------------------------------------------------------------------- app side

/** Cold: a fresh profile's first load. Warm: a second load in the same profile (HTTP and code caches). */
async function measureStartup(url, runs) {
  const cold = [];
  const warm = [];
  let detector = null;
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      const first = await openPage(browser.context, url);
      cold.push(await startupTimes(first));
      detector ??= await first.evaluate(() => window.__garim.detectorInfo());
      const second = await openPage(browser.context, url, { previous: first });
      warm.push(await startupTimes(second));
    } finally {
      await browser.close();
    }
  }
  return { cold, warm, detector };
}

/** Seconds per stage between the file being chosen and the result being ready, from the page's probes. */
function timeline(bench) {
  const chosen = bench.marks.fileChosen;
  const done = bench.states.find((s) => s.state === 'done' && s.t >= chosen)?.t;
  const stages = {};
  const changes = bench.stages.filter((s) => s.t >= chosen);
  changes.forEach((change, i) => {
    if (!change.stage) return;
    const end = changes[i + 1]?.t ?? done;
    stages[change.stage] = round(((stages[change.stage] ?? 0) * 1000 + (end - change.t)) / 1000);
  });
  return { e2eSec: done === undefined ? null : (done - chosen) / 1000, stages };
}

/**
 * One job through the real UI in a fresh browser: choose the detail mode and the plates option like a
 * person would (or leave the app's defaults), choose the file, wait for the download link, save it.
 */
async function appRun(url, run) {
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser.context, url);
    if (run.mode) await page.locator(`input[name=detail][value="${run.mode}"]`).check();
    if (run.plates !== undefined) await page.getByTestId('cover-plates').setChecked(run.plates);
    const mode = await page.locator('input[name=detail]:checked').getAttribute('value');
    const plates = await page.getByTestId('cover-plates').isChecked();
    const output = join(GENERATED, `out-${run.clip.name}-${run.key}.mp4`);

    const idle = sampleMemory(() => descendants(process.pid));
    const idleMemory = idle.stop();
    const memory = sampleMemory(() => descendants(process.pid), 250);
    const start = performance.now();
    let summary;
    let peak;
    try {
      summary = await redactInPage(page, run.clip.path, output, run.timeoutMs);
    } finally {
      peak = memory.stop();
    }
    const nodeWallSec = seconds(start);
    const bench = await page.evaluate(() => window.__bench);
    const boxes = await page.evaluate(() => {
      const covered = window.__garim.lastResult()?.covered ?? [];
      const all = covered.flatMap((f) => f.boxes);
      const mean = (pick) => all.reduce((sum, b) => sum + pick(b), 0) / Math.max(1, all.length);
      return {
        frames: covered.length,
        perFrame: all.length / Math.max(1, covered.length),
        meanW: mean((b) => b.w),
        meanH: mean((b) => b.h),
      };
    });
    const out = probe(output);
    rmSync(output, { force: true });
    return {
      mode,
      plates,
      engine: summary.info.engine,
      analyseFps: summary.analyseFps,
      exportFps: summary.exportFps,
      ...timeline(bench),
      nodeWallSec,
      memory: peak,
      idleMemory,
      boxes,
      padding: summary.redaction.padding,
      output: { frames: out.frames, audioCodec: out.audioCodec, bytes: out.bytes },
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------- native side

const even = (n) => Math.max(2, 2 * Math.round(n / 2));

/**
 * `count` boxes of the app's mean covered size (after padding), side by side across the middle of the
 * frame: the same amount of covering as the app did, at fixed places.
 */
function fixedBoxes(c, stats, padding) {
  const count = stats ? Math.max(1, Math.round(stats.perFrame)) : 3;
  const w = Math.min(even((stats?.meanW || c.width * 0.1) * padding), even(c.width / count));
  const h = Math.min(even((stats?.meanH || c.height * 0.15) * padding), c.height);
  const gap = (c.width - count * w) / (count + 1);
  return Array.from({ length: count }, (_, i) => ({
    x: even(gap + i * (w + gap)) - 2 >= 0 ? even(gap + i * (w + gap)) - 2 : 0,
    y: even((c.height - h) / 2),
    w,
    h,
  }));
}

/** A mosaic like the app's (`cellsAcross` cells across the shorter side) over each box. */
function mosaicGraph(boxes, cellsAcross) {
  const labels = boxes.map((_, i) => `c${i}`);
  const parts = [`[0:v]split=${boxes.length + 1}[o0]${labels.map((l) => `[${l}]`).join('')}`];
  boxes.forEach((b, i) => {
    const cell = Math.min(b.w, b.h) / cellsAcross;
    const cw = Math.max(1, Math.round(b.w / cell));
    const ch = Math.max(1, Math.round(b.h / cell));
    parts.push(
      `[c${i}]crop=${b.w}:${b.h}:${b.x}:${b.y},scale=${cw}:${ch}:flags=area,scale=${b.w}:${b.h}:flags=neighbor[m${i}]`,
    );
    const out = i === boxes.length - 1 ? 'v' : `o${i + 1}`;
    parts.push(`[o${i}][m${i}]overlay=${b.x}:${b.y}[${out}]`);
  });
  return parts.join(';');
}

/** Native ffmpeg doing the app's export job: decode, cover the boxes, libx264 veryfast, copy the audio. */
async function nativeExport(c, boxes, cellsAcross) {
  const output = join(GENERATED, `native-${c.name}.mp4`);
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-i', c.path],
    ...['-filter_complex', mosaicGraph(boxes, cellsAcross), '-map', '[v]', '-map', '0:a?'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-c:a', 'copy'],
    ...['-movflags', '+faststart', output],
  ];
  try {
    const run = await runMeasured('ffmpeg', args);
    return { ...run, fps: c.frames / run.wallSec, command: `ffmpeg ${args.join(' ')}` };
  } finally {
    rmSync(output, { force: true });
  }
}

/** Native ffmpeg with the arguments of the app's ffmpeg.wasm normalisation (src/media/ffmpeg/normalize.ts). */
async function nativeNormalise(c) {
  const output = join(GENERATED, `native-normalised-${c.name}.mp4`);
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-i', c.path, '-map', '0:v:0', '-map', '0:a:0?'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p'],
    ...['-fps_mode', 'passthrough', '-c:a', 'aac', '-b:a', '192k'],
    ...['-map_metadata', '-1', '-movflags', '+faststart', output],
  ];
  try {
    const run = await runMeasured('ffmpeg', args);
    return { ...run, command: `ffmpeg ${args.join(' ')}` };
  } finally {
    rmSync(output, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------- the run

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function appVersion() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const dist = statSync(join(ROOT, 'dist', 'index.html')).mtimeMs;
  let commit = null;
  let dirty = null;
  try {
    commit = git('rev-parse', 'HEAD');
    dirty = git('status', '--porcelain', '--', 'src', 'index.html', 'public').length > 0;
  } catch {
    // Not a git checkout.
  }
  return {
    commit,
    dirty,
    distBuiltAt: new Date(dist).toISOString(),
    distOlderThanSrc: newestMtime(join(ROOT, 'src')) > dist,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim(),
    ffmpeg: execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0],
    loadAvg1: { start: round(os.loadavg()[0]) },
  };
}

const results = [];
const add = (e) => (results.push(e), e);
const runSettings = (c, r, run) => ({
  ...clipSettings(c),
  mode: r?.mode ?? run.mode ?? null,
  plates: r?.plates ?? run.plates ?? null,
  ...(run.defaults ? { defaults: true } : {}),
  engine: r?.engine ?? null,
});

const machineInfo = machine();
log('making clips (cached in bench/.generated/)');
const clipsStart = performance.now();
const clips = {
  c720: clip('720p-10s', makeClip(720, 10)),
  c1080: clip('1080p-60s', makeClip(1080, 60)),
  avi: clip('avi-720p-10s', makeAviClip(720, 10)),
};
if (options.long) clips.long = clip('1080p-600s', makeClip(1080, 600));
const clipsSec = seconds(clipsStart);

ensureBuilt({ rebuild: options.rebuild });
const app = appVersion();
if (app.distOlderThanSrc) {
  console.warn('warning: dist/ is older than src/: measuring the last build (use --rebuild)');
}
const server = await startServer();

// Jobs in order: the three detail modes on 720p (the middle one is the app's defaults: the end-to-end
// figure), the ffmpeg.wasm path on the AVI, export and memory on 1080p 60 s (and 10 min with --long).
const runs = [
  { key: 'fast', clip: clips.c720, mode: 'fast', plates: true, timeoutMs: 600_000 },
  { key: 'default', clip: clips.c720, defaults: true, timeoutMs: 600_000 },
  { key: 'thorough', clip: clips.c720, mode: 'thorough', plates: true, timeoutMs: 900_000 },
  { key: 'fast', clip: clips.avi, mode: 'fast', plates: true, timeoutMs: 600_000 },
  {
    key: 'fast-noplates',
    clip: clips.c1080,
    mode: 'fast',
    plates: false,
    timeoutMs: 1_200_000,
    memory: true,
  },
];
if (options.long) {
  runs.push({
    key: 'fast-noplates',
    clip: clips.long,
    mode: 'fast',
    plates: false,
    timeoutMs: 7_200_000,
    memory: true,
  });
}

let detector = null;
try {
  const startRuns = Math.max(1, Number(options['start-runs']) || 1);
  log(`app start: ${startRuns} cold + ${startRuns} warm loads`);
  try {
    const start = await measureStartup(server.url, startRuns);
    detector = start.detector;
    for (const cache of ['cold', 'warm']) {
      const samples = start[cache];
      for (const [metric, field] of [
        ['time_to_interactive', 'interactive'],
        ['time_to_detector_ready', 'detectorReady'],
      ]) {
        add(
          entry({
            id: `start.${field === 'interactive' ? 'interactive' : 'detector_ready'}.${cache}`,
            metric,
            value: median(samples.map((s) => s[field])),
            unit: 'ms',
            settings: { cache, runs: samples.length },
            detail: { samples: samples.map((s) => round(s[field])) },
          }),
        );
      }
    }
  } catch (error) {
    for (const id of ['interactive.cold', 'detector_ready.cold', 'interactive.warm']) {
      add(entry({ id: `start.${id}`, metric: 'time', value: null, unit: 'ms', error: errorText(error) }));
    }
  }

  for (const run of runs) {
    log(`app: ${run.clip.name} (${run.key}) …`);
    try {
      run.result = await appRun(server.url, run);
      const r = run.result;
      log(
        `  done in ${r.e2eSec?.toFixed(1)} s: analysis ${r.analyseFps.toFixed(1)} fps, export ${r.exportFps.toFixed(1)} fps, peak RSS ${r.memory.peakRssMiB.toFixed(0)} MiB`,
      );
    } catch (error) {
      run.error = errorText(error);
      log(`  FAILED: ${run.error}`);
    }
  }
} finally {
  await server.close();
}

// Native references, after the app runs so they cover as many boxes, as large, as the app did.
log('native ffmpeg references …');
const cellsAcross = 8;
const natives = {};
for (const run of runs) {
  const c = run.clip;
  if (natives[c.name]) continue;
  const stats = run.result?.boxes;
  const boxes = fixedBoxes(c, stats, run.result?.padding ?? 1.3);
  try {
    natives[c.name] = { export: await nativeExport(c, boxes, cellsAcross), boxes };
    if (c.container.startsWith('avi')) natives[c.name].normalise = await nativeNormalise(c);
    log(`  ${c.name}: ${natives[c.name].export.fps.toFixed(1)} fps`);
  } catch (error) {
    natives[c.name] = { error: errorText(error), boxes };
  }
}

// Reference entries first, so app entries can point at them.
const refs = {};
for (const [name, n] of Object.entries(natives)) {
  const c = Object.values(clips).find((x) => x.name === name);
  const settings = {
    ...clipSettings(c),
    job: 'decode → mosaic → libx264 veryfast → mux, audio copied',
    boxes: n.boxes.length,
    boxSize: n.boxes.length ? `${n.boxes[0].w}x${n.boxes[0].h}` : null,
    command: n.export?.command,
  };
  const error = n.error;
  refs[name] = {
    fps: entry({
      id: `native.export_fps.${name}`,
      metric: 'export_fps',
      value: n.export?.fps ?? null,
      unit: 'fps',
      source: 'native-ffmpeg',
      settings,
      error,
    }),
    wall: entry({
      id: `native.export_wall.${name}`,
      metric: 'wall_time',
      value: n.export?.wallSec ?? null,
      unit: 's',
      source: 'native-ffmpeg',
      settings,
      error,
    }),
    rss: entry({
      id: `native.peak_rss.${name}`,
      metric: 'peak_rss',
      value: n.export?.peakRssMiB ?? null,
      unit: 'MiB',
      source: 'native-ffmpeg',
      settings,
      error,
    }),
    pss: entry({
      id: `native.peak_pss.${name}`,
      metric: 'peak_pss',
      value: n.export?.peakPssMiB ?? null,
      unit: 'MiB',
      source: 'native-ffmpeg',
      settings,
      error,
    }),
  };
  if (n.normalise) {
    refs[name].normalise = entry({
      id: `native.normalise_wall.${name}`,
      metric: 'wall_time',
      value: n.normalise.wallSec,
      unit: 's',
      source: 'native-ffmpeg',
      settings: {
        ...clipSettings(c),
        job: 'the app’s ffmpeg.wasm normalisation arguments, native',
        command: n.normalise.command,
      },
    });
  }
}

for (const run of runs) {
  const c = run.clip;
  const r = run.result;
  const settings = runSettings(c, r, run);
  const ref = refs[c.name] ?? {};
  const error = run.error;
  const variant = run.key;
  const common = { settings, error };
  const detail = r && {
    stagesSec: r.stages,
    nodeWallSec: round(r.nodeWallSec),
    coveredBoxesPerFrame: round(r.boxes.perFrame),
    output: r.output,
    ...(r.output.frames !== c.frames ? { warning: 'output frame count differs from input' } : {}),
    memory: {
      idleRssMiB: round(r.idleMemory.peakRssMiB),
      peakRssMiB: round(r.memory.peakRssMiB),
      peakPssMiB: round(r.memory.peakPssMiB),
      maxProcesses: r.memory.maxProcesses,
      samples: r.memory.samples,
    },
  };
  const isAvi = c.container.startsWith('avi');
  if (!isAvi) {
    add(
      refer(
        entry({
          id: `analysis.fps.${c.name}.${variant}`,
          metric: 'analysis_fps',
          value: r?.analyseFps ?? null,
          unit: 'fps',
          ...common,
        }),
        ref.fps,
      ),
    );
    add(
      refer(
        entry({
          id: `export.fps.${c.name}.${variant}`,
          metric: 'export_fps',
          value: r?.exportFps ?? null,
          unit: 'fps',
          ...common,
        }),
        ref.fps,
      ),
    );
  }
  add(
    refer(
      entry({
        id: `e2e.wall.${c.name}.${variant}`,
        metric: 'e2e_wall',
        value: r?.e2eSec ?? null,
        unit: 's',
        ...common,
        detail,
      }),
      ref.wall,
    ),
  );
  if (isAvi) {
    add(
      refer(
        entry({
          id: `wasm.convert_wall.${c.name}`,
          metric: 'convert_wall',
          value: r?.stages.convert ?? null,
          unit: 's',
          ...common,
          note: 'ffmpeg.wasm normalisation stage only',
        }),
        ref.normalise,
      ),
    );
  }
  if (run.memory) {
    add(
      refer(
        entry({
          id: `memory.peak_rss.${c.name}.${variant}`,
          metric: 'peak_rss',
          value: r?.memory.peakRssMiB ?? null,
          unit: 'MiB',
          ...common,
          note: 'sum of VmRSS over the Chromium process tree, sampled every 250 ms',
        }),
        ref.rss,
      ),
    );
    add(
      refer(
        entry({
          id: `memory.peak_pss.${c.name}.${variant}`,
          metric: 'peak_pss',
          value: r?.memory.peakPssMiB ?? null,
          unit: 'MiB',
          ...common,
          note: 'sum of Pss (shared pages split), same samples',
        }),
        ref.pss,
      ),
    );
  }
}

for (const q of ['p50', 'p95']) {
  add(
    entry({
      id: `editor.seek.${q}`,
      metric: `seek_latency_${q}`,
      value: null,
      unit: 'ms',
      settings: { clip: '720p' },
      note: 'no editor yet',
    }),
  );
}
for (const ref of Object.values(refs)) {
  for (const e of Object.values(ref)) add(e);
}

machineInfo.loadAvg1.end = round(os.loadavg()[0]);
const date = new Date();
const doc = {
  benchmark: BENCHMARK,
  version: VERSION,
  date: date.toISOString(),
  durationSec: round(seconds(began)),
  options: { long: options.long, startRuns: Number(options['start-runs']) },
  clipsSec: round(clipsSec),
  machine: machineInfo,
  app: { ...app, detector },
  results,
};

const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = date.toISOString().replace(/[:.]/g, '-');
const file = join(dir, `bench-${stamp}.json`);
const text = `${JSON.stringify(doc, null, 2)}\n`;
writeFileSync(file, text);
writeFileSync(join(dir, 'latest.json'), text);

console.log('');
console.log(formatTable(results));
console.log('');
console.log(
  `ratio = value / reference (same unit): fps above 1 = app faster; time or memory above 1 = app takes more.`,
);
console.log(
  `${machineInfo.cpus} CPUs, ${machineInfo.memGiB} GiB, ${machineInfo.chromium}; load ${machineInfo.loadAvg1.start} → ${machineInfo.loadAvg1.end}; ${doc.durationSec} s in all`,
);
console.log(`wrote ${file} and latest.json`);
process.exitCode = results.some((r) => r.source === 'app' && r.error) ? 1 : 0;
