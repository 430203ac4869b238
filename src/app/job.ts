/**
 * One de-identification job: open → analyse → export, driving the workers. UI-free; the screen subscribes
 * to its updates. Cancelling terminates the workers (the only way to stop wasm mid-frame).
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

function progressProxy(onUpdate: (update: JobUpdate) => void) {
  return Comlink.proxy((progress: StageProgress) => {
    const { preview, ...rest } = progress;
    onUpdate({ kind: 'progress', progress: rest });
    if (preview) onUpdate({ kind: 'preview', preview });
  });
}

function trackerSettings(info: MediaInfo, detector: DetectorInfo): TrackerSettings {
  return { ...defaultTrackerSettings(info.averageFps), highScore: detector.scoreThreshold };
}

function coveredFrames(frames: readonly FrameRegions[], tracks: readonly Track[]): CoveredFrame[] {
  const boxes = coverageByFrame(tracks, frames.length);
  return frames.map((f, i) => ({
    frameIndex: f.frameIndex,
    timestampUs: f.timestampUs,
    boxes: boxes[i] ?? [],
  }));
}

/**
 * Detection again on the output: whole-frame faces on every frame. Text is left out: the DB text model fires
 * on the block edges of the mosaic itself, which would bury real findings under false ones.
 */
async function selfCheck(
  output: Blob,
  covered: CoveredFrame[],
  signal: AbortSignal,
  progress: ReturnType<typeof progressProxy>,
): Promise<Finding[]> {
  const port = await abortable(signal, connectDetectorToMedia());
  const request = { mode: 'fast' as const, plates: false };
  const checked = await abortable(
    signal,
    mediaWorker.api.selfCheck(output, Comlink.transfer(port, [port]), request, 1, progress),
  );
  return uncoveredFindings(checked, covered, DEFAULT_REDACTION.padding);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** What the person chose before starting. */
export type JobOptions = Omit<DetectRequest, 'frameIndex'>;

export async function runJob(
  file: File,
  options: JobOptions,
  signal: AbortSignal,
  onUpdate: (update: JobUpdate) => void,
): Promise<JobResult> {
  const stopWorkers = (): void => terminateAll();
  signal.addEventListener('abort', stopWorkers, { once: true });
  try {
    const progress = progressProxy(onUpdate);
    onUpdate({ kind: 'progress', progress: { stage: 'probe', done: 0, total: 1, rate: 0 } });
    const detector = await abortable(signal, initDetector());
    onUpdate({ kind: 'detector', detector });
    if (options.plates) await abortable(signal, detectWorker.api.preparePlates());
    const info = await abortable(signal, mediaWorker.api.open(file, appBaseUrl(), progress));
    onUpdate({ kind: 'info', info });
    const port = await abortable(signal, connectDetectorToMedia());
    const analysis = await timed(() =>
      abortable(signal, mediaWorker.api.analyse(Comlink.transfer(port, [port]), options, progress)),
    );
    const frames = analysis.value;
    const tracks = buildTracks(frames, ['face', 'plate'], trackerSettings(info, detector));
    const covered = coveredFrames(frames, tracks);
    const exported = await timed(() =>
      abortable(signal, mediaWorker.api.exportVideo(covered, DEFAULT_REDACTION, progress)),
    );
    const findings = await selfCheck(exported.value.blob, covered, signal, progress);
    return {
      findings,
      blob: exported.value.blob,
      fileName: outputName(file.name),
      frames,
      tracks,
      covered,
      info,
      analyseFps: frames.length / analysis.seconds,
      exportFps: exported.value.frames / exported.seconds,
      framesWithFaces: frames.filter((f) => f.detections.length > 0).length,
    };
  } finally {
    signal.removeEventListener('abort', stopWorkers);
  }
}
