/**
 * A de-identification job in two phases, driving the workers: `runAnalysis` (open → analyse → tracks) and,
 * after the person has reviewed the tracks, `runExport` (export → self-check). UI-free; the screen
 * subscribes to updates. The workers come in as `JobClients` (clients.ts): the app's by default, fakes in
 * unit tests. Cancelling stops the detector and the media worker's pass (workers/media-client.ts).
 */
import { abortable } from '../lib/abort.ts';
import { statePlan, type JobPlan } from './job-plan.ts';
import {
  getProject,
  getSourceFile,
  readFrameRegions,
  readHistory,
  readTracks,
  StorageUnavailableError,
  ensureSpace,
  estimateProjectBytes,
  type GarimDb,
  type ProjectRecord,
  type SpaceCheck,
} from '../store/index.ts';
import {
  asOnlyWriter,
  failsInto,
  frameSaver,
  holdEditing,
  newProject,
  openStore,
  saveRepairedInfo,
  saveReview,
  storedFrames,
  type ProjectRef,
} from './persistence.ts';
import { isNeedsRepair } from '../media/errors.ts';
import { DEFAULT_MODEL, type ModelId } from '../detect/models.ts';
import type { JobOptions } from './options.ts';
import type { DetectorInfo } from '../detect/detector.ts';
import type {
  Heartbeat,
  MediaInfo,
  OutputCounts,
  PreviewFrame,
  RepairKind,
  RepairReport,
  StageProgress,
} from '../media/types.ts';
import { DEFAULT_OUTPUT, type OutputOptions } from '../media/output-options.ts';
import { framesInTrim, type TrimRange } from '../media/trim.ts';
import { holdNewOutput, releaseOutput, sweepOutputs } from './output-files.ts';
import { withWakeLock } from './wake-lock.ts';
import {
  buildTracks,
  coverageByFrame,
  defaultTrackerSettings,
  type Track,
  type TrackerSettings,
} from '../regions/tracker.ts';
import type { StoredEdit } from '../regions/replay.ts';
import { uncoveredFindings, type Finding } from '../regions/self-check.ts';
import {
  DEFAULT_REDACTION,
  type CoveredFrame,
  type FrameRegions,
  type RedactionSettings,
} from '../regions/types.ts';
import { workerClients, type JobClients } from './clients.ts';

/** The result of the analysis phase: what the review screen shows and edits. */
export type Analysis = {
  file: File;
  /** The stored project, or null when this browser does not keep projects. */
  project: ProjectRef | null;
  options: JobOptions;
  info: MediaInfo;
  detector: DetectorInfo;
  /** How regions are covered (the project's style, strength and colour). */
  redaction: RedactionSettings;
  frames: FrameRegions[];
  tracks: Track[];
  analyseFps: number;
  /** Frames taken from storage instead of being analysed again (a resumed analysis). */
  resumedFrames: number;
  /** A reopened project's edits, to rebuild its undo steps (absent for a new analysis). */
  saved?: SavedEdits;
  /** The stored trim in/out for export (absent: the whole video). */
  trim?: TrimRange;
};

/** The tracks the analysis produced (rebuilt from the stored frames) and the edits made since. */
export type SavedEdits = { analysedTracks: Track[]; edits: StoredEdit[]; cursor: number };

export type JobResult = {
  blob: Blob;
  fileName: string;
  frames: FrameRegions[];
  tracks: Track[];
  covered: CoveredFrame[];
  info: MediaInfo;
  analyseFps: number;
  exportFps: number;
  /** What the output video holds (frames decoded intact, concealed, and the input's frames not shown). */
  outputCounts: OutputCounts;
  /** How the regions were covered (the project's style, strength and colour). */
  redaction: RedactionSettings;
  framesWithFaces: number;
  resumedFrames: number;
  /** What detection still found on the exported video outside the covered regions. */
  findings: Finding[];
};

export type JobUpdate =
  | { kind: 'detector'; detector: DetectorInfo }
  | { kind: 'info'; info: MediaInfo }
  | { kind: 'progress'; progress: Omit<StageProgress, 'preview'> }
  /** The running pass lives (its heartbeat); `waitingMs` while it waits on held-up decoders. */
  | { kind: 'alive'; waitingMs?: number }
  | { kind: 'preview'; preview: PreviewFrame }
  | { kind: 'plan'; plan: JobPlan }
  /** The stored project the analysis writes to (new or continued), once it is known. */
  | { kind: 'project'; id: string };

type OnUpdate = (update: JobUpdate) => void;

/** One run of a job: its cancel, where its updates go, and the workers it drives. */
type JobRun = { signal: AbortSignal; onUpdate: OnUpdate; clients: JobClients };

export async function initDetector(
  model: ModelId = DEFAULT_MODEL,
  clients: JobClients = workerClients,
): Promise<DetectorInfo> {
  return clients.detector.init(model);
}

function outputName(name: string, extension = 'mp4'): string {
  const stem = name.replace(/\.[^.]+$/, '') || 'video';
  return `${stem}.garim.${extension}`;
}

/** `onUpdate` with each preview told the project's padding (the preview draws the areas export covers). */
function withPreviewPadding(onUpdate: OnUpdate, padding: number): OnUpdate {
  return (update) =>
    onUpdate(
      update.kind === 'preview' ? { ...update, preview: { ...update.preview, padding } } : update,
    );
}

/** A pass's progress as job updates: the progress, and the preview picture apart. */
function progressOf(onUpdate: OnUpdate) {
  return (progress: StageProgress): void => {
    const { preview, ...rest } = progress;
    onUpdate({ kind: 'progress', progress: rest });
    if (preview) onUpdate({ kind: 'preview', preview });
  };
}

const TRACKED_CLASSES = ['face', 'plate'] as const;

function trackerSettings(info: MediaInfo, detector: DetectorInfo): TrackerSettings {
  return {
    ...defaultTrackerSettings(info.averageFps),
    highScore: detector.scoreThreshold,
    frame: { width: info.width, height: info.height },
  };
}

/** The boxes export covers on every frame: every track that is not kept visible. */
export function coveredFrames(
  frames: readonly FrameRegions[],
  tracks: readonly Track[],
): CoveredFrame[] {
  const boxes = coverageByFrame(tracks, frames.length);
  return frames.map((f, i) => ({
    frameIndex: f.frameIndex,
    timestampUs: f.timestampUs,
    boxes: boxes[i] ?? [],
    ...(f.failed ? { failed: f.failed } : {}),
  }));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/**
 * Cancelling the run stops the detector (it restarts on the next call); the media client stops its own
 * pass (workers/media-client.ts).
 */
async function withWorkers<T>(run: JobRun, work: () => Promise<T>): Promise<T> {
  const stopDetector = (): void => run.clients.detector.stop();
  run.signal.addEventListener('abort', stopDetector, { once: true });
  try {
    return await work();
  } finally {
    run.signal.removeEventListener('abort', stopDetector);
  }
}

/** The signal, progress and heartbeat of a pass of the media worker in this run. */
function passOf({ signal, onUpdate }: JobRun) {
  const onAlive = ({ waitingMs }: Heartbeat): void => onUpdate({ kind: 'alive', waitingMs });
  return { signal, onProgress: progressOf(onUpdate), onAlive };
}

/** Opens `file`; `repaired`: its project's repair, when the file was found damaged (media/repair.ts). */
async function openFile(file: File, run: JobRun, repaired?: RepairReport): Promise<MediaInfo> {
  const info = await run.clients.media.open(file, { ...passOf(run), repaired });
  run.onUpdate({ kind: 'info', info });
  return info;
}

/** A stored project to continue; `tracks` (an imported project's) are kept instead of being rebuilt. */
type Resume = {
  id: string;
  tracks?: Track[];
  repaired?: RepairReport;
  /** The project's cover style, as stored. */
  redaction?: RedactionSettings;
};
/** Asked before a new project is stored when the browser says it will not fit: true goes on anyway. */
export type ConfirmShortfall = (check: Shortfall) => boolean;
export type Shortfall = Extract<SpaceCheck, { ok: false }>;
type AnalysisContext = {
  resume?: Resume;
  confirmShortfall?: ConfirmShortfall;
  /** The workers (default: the app's; tests pass fakes). */
  clients?: JobClients;
};

/** Refuses (as a cancel: nothing stored) a new project the person chose not to start for lack of space. */
async function checkSpace(info: MediaInfo, confirm: ConfirmShortfall | undefined): Promise<void> {
  const check = await ensureSpace(estimateProjectBytes(info));
  if (!check.ok && confirm && !confirm(check)) {
    throw new DOMException('not enough storage', 'AbortError');
  }
}

type AnalysisInput = Pick<
  Analysis,
  'file' | 'options' | 'info' | 'detector' | 'project' | 'redaction'
> & {
  resume?: Resume;
};

/** One analysis pass over the frames not stored yet (saving them in batches): the stored and the new ones. */
async function analysePass(input: AnalysisInput, run: JobRun) {
  const { options, project } = input;
  const stored = await storedFrames(project);
  const last = stored[stored.length - 1];
  const port = await abortable(run.signal, run.clients.detector.connectMedia());
  const call = {
    detectPort: port,
    // Weak face hits only feed the tracker's second pass (they extend tracks, never start one). The full
    // face detector runs on key frames, a glance between (detect/key-frames.ts).
    request: { ...options, weakFaces: true, keyFrames: true },
    resume: last && { frameIndex: last.frameIndex, timestampUs: last.timestampUs },
    onFrames: frameSaver(project),
  };
  const fresh = await run.clients.media.analyse(call, passOf(run));
  return { stored, fresh };
}

/**
 * Reads the file through a repaired copy if it needs one (media/repair.ts): the new info (stored with the
 * project, so that it is opened the same way again), or `info` when nothing was repaired.
 */
async function repairedInfo(
  kind: RepairKind,
  info: MediaInfo,
  project: ProjectRef | null,
  run: JobRun,
): Promise<MediaInfo> {
  if (info.engine !== 'webcodecs' || info.repair) return info;
  const repaired = await run.clients.media.repair(kind, passOf(run));
  if (!repaired) return info;
  await saveRepairedInfo(project, repaired);
  run.onUpdate({ kind: 'info', info: repaired });
  return repaired;
}

/**
 * Analyses every frame not stored yet, then builds and saves the tracks. A damaged picture the browser
 * cannot get past ends a pass (`VideoNeedsRepair`, its frames saved): the file is repaired and analysis
 * goes on where it stopped. Damaged sound is repaired at the end (the picture is copied: frames unchanged).
 */
async function analyseProject(input: AnalysisInput, run: JobRun): Promise<Analysis> {
  const { resume, ...known } = input;
  const { info: opened, detector, project } = known;
  let info = opened;
  const started = performance.now();
  let resumedFrames: number | undefined;
  let pass: Awaited<ReturnType<typeof analysePass>>;
  for (;;) {
    try {
      pass = await analysePass({ ...input, info }, run);
      resumedFrames ??= pass.stored.length;
      break;
    } catch (error) {
      if (!isNeedsRepair(error)) throw error;
      resumedFrames ??= 0;
      const repaired = await repairedInfo('full', info, project, run);
      // Not repaired: the next pass goes on from the next key frame (the worker tries no repair again).
      info = repaired;
    }
  }
  info = await repairedInfo('sound', info, project, run);
  const frames = [...pass.stored, ...pass.fresh];
  const tracks =
    resume?.tracks ?? buildTracks(frames, TRACKED_CLASSES, trackerSettings(info, detector));
  await saveReview(project, tracks, 'needs-review');
  const analysed = frames.length - resumedFrames;
  const analyseFps = analysed / ((performance.now() - started) / 1000);
  return { ...known, info, frames, tracks, analyseFps, resumedFrames };
}

/**
 * Opens the file, creates (or continues) its project, and analyses every frame not stored yet. Frames are
 * saved in batches as they finish, so a reload mid-analysis resumes where it stopped.
 */
export function runAnalysis(
  file: File,
  options: JobOptions,
  signal: AbortSignal,
  onUpdate: OnUpdate,
  { resume, confirmShortfall, clients = workerClients }: AnalysisContext = {},
): Promise<Analysis> {
  const run: JobRun = { signal, onUpdate, clients };
  return withWorkers(run, async () => {
    onUpdate({ kind: 'progress', progress: { stage: 'probe', done: 0, total: 1, rate: 0 } });
    // The file is opened while the models load: a file that cannot be used is said at once, not after the
    // models' start-up (5–8 s on two cores), and a good file's probe overlaps it.
    const models = loadModels(options, run);
    const info = await openFile(file, run, resume?.repaired);
    const detector = await models;
    const db = await openStore();
    if (!resume) {
      await statePlan(info, options, detector, db !== null, (plan) =>
        onUpdate({ kind: 'plan', plan }),
      );
    }
    if (db && !resume) await checkSpace(info, confirmShortfall);
    const project =
      db && (resume ? { db, id: resume.id } : await newProject(db, file, info, options));
    if (project) onUpdate({ kind: 'project', id: project.id });
    const redaction = resume?.redaction ?? DEFAULT_REDACTION;
    const shown = { ...run, onUpdate: withPreviewPadding(onUpdate, redaction.padding) };
    // The lock comes first: a second tab refused here must not mark this project failed.
    return asOnlyWriter(project, () =>
      failsInto(project, signal, () =>
        analyseProject({ file, options, info, detector, project, resume, redaction }, shown),
      ),
    );
  });
}

/**
 * The face detector, then the text model when plates are covered; the detector is reported as soon as it
 * is ready (the header shows its backend).
 */
function loadModels(options: JobOptions, run: JobRun): Promise<DetectorInfo> {
  const { signal, onUpdate, clients } = run;
  const loading = (async () => {
    const detector = await abortable(signal, initDetector(DEFAULT_MODEL, clients));
    onUpdate({ kind: 'detector', detector });
    if (options.plates) await abortable(signal, clients.detector.preparePlates());
    return detector;
  })();
  // Awaited once the file is open: a failure before then is not "unhandled", and a file's error comes first.
  loading.catch(() => undefined);
  return loading;
}

/** A step of reopening a project, on the page's performance timeline (`npm run bench:reopen` reads them). */
export function reopenMark(step: string): void {
  performance.mark(`garim:reopen:${step}`);
}

/**
 * Re-opens a stored project: an unfinished analysis continues; a finished one goes straight to review with
 * its saved tracks (including the person's edits).
 */
export function reopenProject(
  id: string,
  signal: AbortSignal,
  onUpdate: OnUpdate,
  clients: JobClients = workerClients,
): Promise<Analysis> {
  const run: JobRun = { signal, onUpdate, clients };
  return withWorkers(run, async () => {
    reopenMark('start');
    const db = await openStore();
    if (!db) throw new StorageUnavailableError();
    const record = await getProject(db, id);
    const file = await getSourceFile(db, id);
    const options = { mode: record.settings.mode, plates: record.settings.plates };
    const resume = await resumeOf(db, record);
    if (resume) return runAnalysis(file, options, signal, onUpdate, { resume, clients });
    reopenMark('project');
    const detector = await abortable(signal, initDetector(DEFAULT_MODEL, clients));
    onUpdate({ kind: 'detector', detector });
    reopenMark('detector');
    // The stored records are read while the media worker opens the file.
    const [info, { frames, tracks, history }] = await Promise.all([
      openFile(file, run, record.media.repair).finally(() => reopenMark('file')),
      readReview(db, id),
    ]);
    reopenMark('records');
    const saved = savedEdits(history, frames, trackerSettings(info, detector));
    reopenMark('history');
    const resumedFrames = frames.length;
    return {
      file,
      project: { db, id },
      options,
      info,
      detector,
      frames,
      tracks,
      analyseFps: 0,
      resumedFrames,
      saved,
      trim: record.settings.trim,
      redaction: record.settings.redaction,
    };
  });
}

/**
 * What to analyse before review: an unfinished analysis, or a project imported from a project file (its
 * frames are not in the file, so it is analysed once, keeping its tracks). Undefined: straight to review.
 */
async function resumeOf(db: GarimDb, record: ProjectRecord): Promise<Resume | undefined> {
  const { id } = record;
  const repaired = record.media.repair;
  const { redaction } = record.settings;
  // A failed analysis is retried from its last stored frame, like an interrupted one.
  if (record.state === 'analysing' || record.state === 'failed') return { id, repaired, redaction };
  if (record.analysedFrames > 0) return undefined;
  return { id, tracks: (await readTracks(db, id)).items, repaired, redaction };
}

/** What review needs of a stored project, read in bulk (one getAll per store), the stores side by side. */
async function readReview(db: GarimDb, id: string) {
  const [frames, tracks, history] = await Promise.all([
    readFrameRegions(db, id).then((r) => r.items),
    readTracks(db, id).then((r) => r.items),
    readHistory(db, id),
  ]);
  return { frames, tracks, history };
}

/**
 * The tracker is deterministic, so the tracks right after analysis are rebuilt from the stored frames
 * rather than stored twice; ReviewPanel only trusts the replay when it ends on the saved tracks. With no
 * edits there is nothing to undo and the saved tracks are the whole history (replay.test.ts shows it is the
 * same), so the tracker is not run again: undefined.
 */
function savedEdits(
  { edits, cursor }: { edits: readonly StoredEdit[]; cursor: number },
  frames: readonly FrameRegions[],
  settings: TrackerSettings,
): SavedEdits | undefined {
  if (edits.length === 0) return undefined;
  const analysedTracks = buildTracks(frames, TRACKED_CLASSES, settings);
  return { analysedTracks, edits: edits.map(({ op, payload }) => ({ op, payload })), cursor };
}

/**
 * Detection again on the output: faces on every frame, scheduled as analysis is (fast mode's views on key
 * frames, a glance between: faces of ≥ 40 px on 720p are looked for on every frame, smaller ones on the key
 * frames; detect/key-frames.ts). Every frame in fast mode took longer than the analysis itself. Text is left
 * out: the DB text model fires on the block edges of the mosaic itself, which would bury real findings
 * under false ones. `padding`: the project's, so that a finding is a face outside what export covered.
 */
async function selfCheck(
  output: Blob,
  covered: CoveredFrame[],
  padding: number,
  run: JobRun,
): Promise<Finding[]> {
  const { signal, clients } = run;
  await abortable(signal, initDetector(DEFAULT_MODEL, clients));
  const port = await abortable(signal, clients.detector.connectMedia());
  const request = { mode: 'fast' as const, plates: false, keyFrames: true };
  const checked = await clients.media.selfCheck(
    { output, detectPort: port, request, every: 1 },
    passOf(run),
  );
  return uncoveredFindings(checked, covered, padding);
}

/** How to export: the output's settings (default: the whole video, as it came) and the workers. */
type ExportContext = { output?: OutputOptions; clients?: JobClients };

/** Exports the reviewed tracks. Re-opens the source when a cancel restarted the media worker. */
export function runExport(
  analysis: Analysis,
  tracks: readonly Track[],
  signal: AbortSignal,
  onUpdate: OnUpdate,
  { output = DEFAULT_OUTPUT, clients = workerClients }: ExportContext = {},
): Promise<JobResult> {
  const run: JobRun = { signal, onUpdate, clients };
  return withWorkers(run, async () => {
    await clients.media.ensureOpen(analysis.file, passOf(run));
    const covered = coveredFrames(analysis.frames, tracks);
    const editing = await holdEditing(analysis.project);
    try {
      const job = { analysis, tracks, covered, output, stillMine: editing.stillMine };
      return await exportCovered(job, run);
    } finally {
      editing.release();
    }
  });
}

type ExportJob = {
  analysis: Analysis;
  tracks: readonly Track[];
  covered: ReturnType<typeof coveredFrames>;
  output: OutputOptions;
  /** Whether this tab still edits the project (see holdEditing). */
  stillMine: () => boolean;
};

/** Encodes `covered` into an OPFS file, checks the output, and stores the project as exported. */
async function exportCovered(job: ExportJob, run: JobRun): Promise<JobResult> {
  const { analysis, tracks, covered, output, stillMine } = job;
  // The output streams into an OPFS file this tab holds while its result may be downloaded.
  const outputFile = await holdNewOutput(analysis.project?.id);
  await sweepOutputs();
  // The screen stays on while exporting (released in withWakeLock's finally, also on cancel).
  const exported = await withWakeLock(() =>
    timed(() =>
      run.clients.media.exportVideo(
        { frames: covered, settings: analysis.redaction, output, outputName: outputFile },
        passOf(run),
      ),
    ),
  ).catch((error: unknown) => {
    releaseOutput();
    throw error;
  });
  // The output's frame 0 is the trim's in frame: the check compares each with what covered it.
  const inOutput = framesInTrim(covered, output.trim);
  const findings = await selfCheck(exported.value.blob, inOutput, analysis.redaction.padding, run);
  // Another tab that took editing over during the export keeps its edits (they are newer than these).
  if (stillMine()) await saveReview(analysis.project, tracks, 'exported');
  return {
    findings,
    blob: exported.value.blob,
    fileName: outputName(analysis.file.name, exported.value.extension),
    frames: analysis.frames,
    tracks: [...tracks],
    covered,
    info: analysis.info,
    analyseFps: analysis.analyseFps,
    exportFps: exported.value.frames / exported.seconds,
    outputCounts: exported.value.counts,
    redaction: analysis.redaction,
    framesWithFaces: analysis.frames.filter((f) =>
      f.detections.some((d) => d.class === 'face' && !d.weak),
    ).length,
    resumedFrames: analysis.resumedFrames,
  };
}
