/**
 * A de-identification job in two phases, driving the workers: `runAnalysis` (open → analyse → tracks) and,
 * after the person has reviewed the tracks, `runExport` (export → self-check). UI-free; the screen
 * subscribes to updates. Cancelling terminates the workers (the only way to stop wasm mid-frame).
 */
import { abortable } from '../lib/abort.ts';
import { DEFAULT_MODEL, type ModelId } from '../detect/models.ts';
import type { DetectRequest } from '../detect/schedule.ts';
import type { DetectorInfo } from '../detect/detector.ts';
import type { MediaInfo, PreviewFrame, StageProgress } from '../media/types.ts';
import {
  buildTracks,
  coverageByFrame,
  defaultTrackerSettings,
  type Track,
  type TrackerSettings,
} from '../regions/tracker.ts';
import { uncoveredFindings, type Finding } from '../regions/self-check.ts';
import { DEFAULT_REDACTION, type CoveredFrame, type FrameRegions } from '../regions/types.ts';
import {
  Comlink,
  connectDetectorToMedia,
  detectWorker,
  mediaWorker,
  terminateAll,
} from '../workers/clients.ts';

/** What the person chose before starting. */
export type JobOptions = Omit<DetectRequest, 'frameIndex'>;

/** The result of the analysis phase: what the review screen shows and edits. */
export type Analysis = {
  file: File;
  options: JobOptions;
  info: MediaInfo;
  detector: DetectorInfo;
  frames: FrameRegions[];
  tracks: Track[];
  analyseFps: number;
};

export type JobResult = {
  blob: Blob;
  fileName: string;
  frames: FrameRegions[];
  tracks: Track[];
  covered: CoveredFrame[];
  info: MediaInfo;
  analyseFps: number;
  exportFps: number;
  framesWithFaces: number;
  /** What detection still found on the exported video outside the covered regions. */
  findings: Finding[];
};

export type JobUpdate =
  | { kind: 'detector'; detector: DetectorInfo }
  | { kind: 'info'; info: MediaInfo }
  | { kind: 'progress'; progress: Omit<StageProgress, 'preview'> }
  | { kind: 'preview'; preview: PreviewFrame };

type OnUpdate = (update: JobUpdate) => void;

export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

export async function initDetector(model: ModelId = DEFAULT_MODEL): Promise<DetectorInfo> {
  return detectWorker.api.init({ model, backend: 'auto', baseUrl: appBaseUrl() });
}

function outputName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '') || 'video';
  return `${stem}.garim.mp4`;
}

function progressProxy(onUpdate: OnUpdate) {
  return Comlink.proxy((progress: StageProgress) => {
    const { preview, ...rest } = progress;
    onUpdate({ kind: 'progress', progress: rest });
    if (preview) onUpdate({ kind: 'preview', preview });
  });
}

function trackerSettings(info: MediaInfo, detector: DetectorInfo): TrackerSettings {
  return { ...defaultTrackerSettings(info.averageFps), highScore: detector.scoreThreshold };
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
  }));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Cancelling `signal` terminates both workers; they restart lazily on the next call. */
async function withWorkers<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const stopWorkers = (): void => terminateAll();
  signal.addEventListener('abort', stopWorkers, { once: true });
  try {
    return await work();
  } finally {
    signal.removeEventListener('abort', stopWorkers);
  }
}

async function openFile(file: File, signal: AbortSignal, onUpdate: OnUpdate): Promise<MediaInfo> {
  const info = await abortable(
    signal,
    mediaWorker.api.open(file, appBaseUrl(), progressProxy(onUpdate)),
  );
  onUpdate({ kind: 'info', info });
  return info;
}

export function runAnalysis(
  file: File,
  options: JobOptions,
  signal: AbortSignal,
  onUpdate: OnUpdate,
): Promise<Analysis> {
  return withWorkers(signal, async () => {
    onUpdate({ kind: 'progress', progress: { stage: 'probe', done: 0, total: 1, rate: 0 } });
    const detector = await abortable(signal, initDetector());
    onUpdate({ kind: 'detector', detector });
    if (options.plates) await abortable(signal, detectWorker.api.preparePlates());
    const info = await openFile(file, signal, onUpdate);
    const port = await abortable(signal, connectDetectorToMedia());
    const request = Comlink.transfer(port, [port]);
    const analysis = await timed(() =>
      abortable(signal, mediaWorker.api.analyse(request, options, progressProxy(onUpdate))),
    );
    const frames = analysis.value;
    const tracks = buildTracks(frames, ['face', 'plate'], trackerSettings(info, detector));
    return {
      file,
      options,
      info,
      detector,
      frames,
      tracks,
      analyseFps: frames.length / analysis.seconds,
    };
  });
}

/**
 * Detection again on the output: whole-frame faces on every frame. Text is left out: the DB text model fires
 * on the block edges of the mosaic itself, which would bury real findings under false ones.
 */
async function selfCheck(
  output: Blob,
  covered: CoveredFrame[],
  signal: AbortSignal,
  onUpdate: OnUpdate,
): Promise<Finding[]> {
  await abortable(signal, initDetector());
  const port = await abortable(signal, connectDetectorToMedia());
  const request = { mode: 'fast' as const, plates: false };
  const checked = await abortable(
    signal,
    mediaWorker.api.selfCheck(
      output,
      Comlink.transfer(port, [port]),
      request,
      1,
      progressProxy(onUpdate),
    ),
  );
  return uncoveredFindings(checked, covered, DEFAULT_REDACTION.padding);
}

/** Exports the reviewed tracks. Re-opens the source when a cancel restarted the media worker. */
export function runExport(
  analysis: Analysis,
  tracks: readonly Track[],
  signal: AbortSignal,
  onUpdate: OnUpdate,
): Promise<JobResult> {
  return withWorkers(signal, async () => {
    if (!(await abortable(signal, mediaWorker.api.isOpen()))) {
      await openFile(analysis.file, signal, onUpdate);
    }
    const covered = coveredFrames(analysis.frames, tracks);
    const exported = await timed(() =>
      abortable(
        signal,
        mediaWorker.api.exportVideo(covered, DEFAULT_REDACTION, progressProxy(onUpdate)),
      ),
    );
    const findings = await selfCheck(exported.value.blob, covered, signal, onUpdate);
    return {
      findings,
      blob: exported.value.blob,
      fileName: outputName(analysis.file.name),
      frames: analysis.frames,
      tracks: [...tracks],
      covered,
      info: analysis.info,
      analyseFps: analysis.analyseFps,
      exportFps: exported.value.frames / exported.seconds,
      framesWithFaces: analysis.frames.filter((f) => f.detections.length > 0).length,
    };
  });
}
