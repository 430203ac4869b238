// The pipeline benchmark's result document (docs/BENCH.md) and its table: pure functions, unit-tested.

export const BENCHMARK = 'pipeline';
export const VERSION = 1;

/** The value at quantile `q` (0–1) of `values`, linearly interpolated; null when there is none. */
export function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export const median = (values) => quantile(values, 0.5);

/** 4 significant digits, so the JSON stays readable; anything not a finite number becomes null. */
export function round(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(4));
}

/**
 * One measurement. `value` is null when it could not be measured (`error` or `note` says why).
 * `source`: 'app' (the real app in Chromium) or 'native-ffmpeg' (a reference).
 */
export function entry({
  id,
  metric,
  value,
  unit,
  source = 'app',
  settings = {},
  note,
  error,
  detail,
}) {
  const result = { id, metric, value: round(value), unit, source, settings };
  if (note) result.note = note;
  if (error) result.error = error;
  if (detail) result.detail = detail;
  return result;
}

/**
 * Links `target` to the reference entry `ref` (same unit): ratio = target.value / ref.value. For fps above
 * 1 means the app is faster; for times and memory above 1 means the app takes more. Returns `target`.
 */
export function refer(target, ref) {
  if (!ref || ref.unit !== target.unit) return target;
  const ratio =
    target.value === null || ref.value === null || ref.value === 0
      ? null
      : target.value / ref.value;
  target.reference = { name: ref.id, value: ref.value, ratio: round(ratio) };
  return target;
}

export function formatValue(value, unit) {
  if (value === null || value === undefined) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The settings a figure used, in a few words. */
export function describeSettings(settings) {
  const parts = [];
  if (settings.clip) parts.push(settings.clip);
  if (settings.container && settings.videoCodec) {
    parts.push(`${settings.container}/${settings.videoCodec}`);
  }
  if (settings.mode) parts.push(settings.mode);
  if (typeof settings.plates === 'boolean')
    parts.push(settings.plates ? 'plates on' : 'plates off');
  if (settings.defaults) parts.push('app defaults');
  if (settings.cache) parts.push(`${settings.cache} cache`);
  if (settings.runs > 1) parts.push(`median of ${settings.runs}`);
  if (settings.job) parts.push(settings.job);
  return parts.join(', ');
}

/** A plain-text table of `results`, one row each, with the reference and ratio where there is one. */
export function formatTable(results) {
  const header = ['measurement', 'value', 'reference', 'ratio', 'settings / note'];
  const rows = results.map((r) => [
    r.id,
    r.error ? 'FAILED' : formatValue(r.value, r.unit),
    r.reference ? formatValue(r.reference.value, r.unit) : '',
    typeof r.reference?.ratio === 'number' ? `${r.reference.ratio.toFixed(2)}×` : '',
    [describeSettings(r.settings), r.note, r.error].filter(Boolean).join(' · '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = [false, true, true, true, false];
  const line = (cells) =>
    cells
      .map((cell, i) => {
        if (i === cells.length - 1) return cell;
        return numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * From the page probes (bench/pipeline-app.mjs): seconds from the file being chosen to the result being
 * ready (`e2eSec`, null if it never was) and the seconds spent in each stage of the progress screen.
 */
export function timeline(probes) {
  const chosen = probes.marks.fileChosen ?? 0;
  const done = probes.states.find((s) => s.state === 'done' && s.t >= chosen)?.t;
  const changes = probes.stages.filter((s) => s.t >= chosen);
  const ms = {};
  changes.forEach((change, i) => {
    const end = changes[i + 1]?.t ?? done;
    if (!change.stage || end === undefined) return;
    ms[change.stage] = (ms[change.stage] ?? 0) + (end - change.t);
  });
  const stagesSec = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v / 1000)]));
  return { e2eSec: done === undefined ? null : (done - chosen) / 1000, stagesSec };
}

/**
 * Frames per second of `stage` from the progress-bar samples: frames done between the first and the last
 * sample of that stage over the time between them. Null with fewer than two samples or no progress.
 */
export function stageFps(progress, stage) {
  const samples = progress.filter((p) => p.stage === stage);
  if (samples.length < 2) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const frames = last.done - first.done;
  const seconds = (last.t - first.t) / 1000;
  if (frames <= 0 || seconds <= 0) return null;
  return { fps: frames / seconds, frames, seconds, lastFrame: last.done, total: last.total };
}

/**
 * `window.__garim.analysisProfile()` per analysed frame: `msPerFrame[stage]` is the stage's total ms over
 * the frames detected (`media.*`: the media worker — decode wait, previews, waiting for detection, saving;
 * `detect.*`: the detect worker — drawing, tensor filling, inference, decoding, per model); `calls[stage]`
 * how often it ran. Null when there is no profile or no frame.
 */
export function profilePerFrame(profile) {
  const frames = profile?.frames ?? 0;
  if (!profile || frames === 0) return null;
  const msPerFrame = {};
  const calls = {};
  for (const [side, totals] of [
    ['media', profile.media],
    ['detect', profile.detect ?? {}],
  ]) {
    for (const [stage, { ms, count }] of Object.entries(totals)) {
      msPerFrame[`${side}.${stage}`] = round(ms / frames);
      calls[`${side}.${stage}`] = count;
    }
  }
  return { frames, msPerFrame, calls };
}

/**
 * `window.__garim.exportProfile()` (the media worker's export stages) per exported frame, in the shape of
 * `profilePerFrame` (stages prefixed `media.`). Null when there is no profile or no frame.
 */
export function exportProfilePerFrame(totals) {
  const frames = totals?.['export.process']?.count ?? 0;
  if (frames === 0) return null;
  return profilePerFrame({ frames, media: totals, detect: {} });
}

/** One line for the log: the detect worker's stages, ms per frame, largest first. */
export function formatProfile(perFrame) {
  if (!perFrame) return 'no profile';
  return Object.entries(perFrame.msPerFrame)
    .filter(([stage]) => stage !== 'detect.detect.frame')
    .sort((a, b) => b[1] - a[1])
    .map(([stage, ms]) => `${stage.replace(/^(media|detect)\./, '$1:')} ${ms}`)
    .join(', ');
}

/** One line of a thread profile (bench/pipeline-proc.mjs `threadProfile`): cores busy, then the top threads. */
export function formatThreads(profile) {
  if (!profile) return 'no thread profile';
  const top = profile.top.map((t) => `${t.thread} ${t.cores}`).join(', ');
  return `${profile.coresBusy} cores busy over ${profile.wallSec} s: ${top}`;
}
