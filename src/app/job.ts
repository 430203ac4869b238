/**
 * One de-identification job: open → analyse → export, driving the workers. UI-free; the screen subscribes
 * to its updates. Cancelling terminates the workers (the only way to stop wasm mid-frame).
 */
import { abortable } from '../lib/abort.ts';
import { DEFAULT_MODEL, type ModelId } from '../detect/models.ts';
import type { DetectorInfo } from '../detect/detector.ts';
import type { MediaInfo, PreviewFrame, StageProgress } from '../media/types.ts';
import { DEFAULT_REDACTION, type FrameRegions } from '../regions/types.ts';
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
  info: MediaInfo;
  analyseFps: number;
  exportFps: number;
  framesWithFaces: number;
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

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export async function runJob(
  file: File,
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
    const info = await abortable(signal, mediaWorker.api.open(file, appBaseUrl(), progress));
    onUpdate({ kind: 'info', info });
    const port = await abortable(signal, connectDetectorToMedia());
    const analysis = await timed(() =>
      abortable(signal, mediaWorker.api.analyse(Comlink.transfer(port, [port]), progress)),
    );
    const frames = analysis.value;
    const exported = await timed(() =>
      abortable(signal, mediaWorker.api.exportVideo(frames, DEFAULT_REDACTION, progress)),
    );
    return {
      blob: exported.value.blob,
      fileName: outputName(file.name),
      frames,
      info,
      analyseFps: frames.length / analysis.seconds,
      exportFps: exported.value.frames / exported.seconds,
      framesWithFaces: frames.filter((f) => f.detections.length > 0).length,
    };
  } finally {
    signal.removeEventListener('abort', stopWorkers);
  }
}
