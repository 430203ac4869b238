/**
 * `window.__garim`: a small typed API for the command line and e2e tests. It calls the same workers the UI
 * uses; nothing here is a mock.
 */
import type { DetectorInfo } from '../detect/detector.ts';
import { DEFAULT_MODEL, type ModelId } from '../detect/models.ts';
import type { DetectRequest } from '../detect/schedule.ts';
import { DEFAULT_DETAIL } from '../detect/tiles.ts';
import { DEFAULT_REDACTION, type Detection } from '../regions/types.ts';
import { detectWorker, mediaWorker } from '../workers/clients.ts';
import type { AnalysisProfile } from '../workers/media.worker.ts';
import type { StageTotals } from '../lib/stage-clock.ts';
import { initDetector, type JobResult } from './job.ts';

export type ImageDetections = { width: number; height: number; detections: Detection[] };

export type FaultKind =
  'kill-detect-worker' | 'detect-throws' | 'decode-throws' | 'decode-held' | 'gpu-device-lost';

export type GarimTestApi = {
  detectorInfo(model?: ModelId): Promise<DetectorInfo>;
  /** Detects in an encoded image with the settings used for video frames (`model` for benchmarks). */
  detectImage(
    bytes: Uint8Array,
    model?: ModelId,
    request?: Partial<Omit<DetectRequest, 'frameIndex'>>,
  ): Promise<ImageDetections>;
  lastResult(): JobResult | null;
  /** Where the running (or else the last) analysis pass's time went, per stage (`npm run bench`). */
  analysisProfile(): Promise<AnalysisProfile | null>;
  /** Where the running (or else the last) export's time went in the media worker (`npm run bench`). */
  exportProfile(): Promise<StageTotals>;
  /**
   * How long, in ms, the media worker has waited on a tab whose decoders were all held up by the browser
   * (docs/ROBUSTNESS.md, "Stalls"): time that is the browser's, not the app's, for the e2e time bounds.
   */
  starvedWaitMs(): Promise<number>;
  redaction: typeof DEFAULT_REDACTION;
  /**
   * TEST HOOK (fault injection for e2e/robustness-faults.spec.ts): 'kill-detect-worker' terminates the
   * detect worker now, as a crash would; 'detect-throws' makes detection throw on `frames` (video frame
   * indices; [] clears it); 'decode-throws' makes the analysis decoder throw (once) when it reaches `frames`;
   * 'gpu-device-lost' makes the next detection fail as a lost WebGPU device does; 'decode-held' holds the next
   * analysis's decoder up for `ms` before `frames[0]`, as a browser that runs no decoder of the tab does.
   */
  injectFault(kind: FaultKind, frames?: number[], ms?: number): Promise<void>;
  /** How many times detection fell back to WASM after losing its GPU device. */
  deviceFallbacks(): Promise<number>;
  /**
   * TEST HOOK (editing specs): from now on the analysis takes these detections (video frame index →
   * detections, source-video pixels) instead of the model's; frames not listed have none. The rest of the
   * pipeline (decode, tracker, store, export) runs as usual. null: the model again.
   */
  injectDetections(byFrame: Record<number, Detection[]> | null): Promise<void>;
};

let last: JobResult | null = null;

export function rememberResult(result: JobResult | null): void {
  last = result;
}

export function installTestApi(): void {
  const api: GarimTestApi = {
    detectorInfo: (model = DEFAULT_MODEL) => initDetector(model),
    async detectImage(bytes, model = DEFAULT_MODEL, request = {}) {
      await initDetector(model);
      const full = { mode: DEFAULT_DETAIL, plates: true, ...request };
      return detectWorker.api.detectImage(new Blob([bytes.slice().buffer]), full);
    },
    lastResult: () => last,
    analysisProfile: () => mediaWorker.api.analysisProfile(),
    exportProfile: () => mediaWorker.api.exportProfile(),
    starvedWaitMs: () => mediaWorker.api.starvedWaitMs(),
    deviceFallbacks: () => detectWorker.api.deviceFallbacks(),
    redaction: DEFAULT_REDACTION,
    async injectFault(kind, frames = [], ms = 0) {
      if (kind === 'kill-detect-worker') detectWorker.terminate();
      else if (kind === 'decode-held') await mediaWorker.api.injectDecodeHold(frames[0] ?? 0, ms);
      else if (kind === 'decode-throws') await mediaWorker.api.injectDecodeFault(frames);
      else if (kind === 'gpu-device-lost') await detectWorker.api.injectDeviceLost();
      else await detectWorker.api.injectFault(frames);
    },
    async injectDetections(byFrame) {
      const entries = byFrame
        ? Object.entries(byFrame).map(([f, d]): [number, Detection[]] => [Number(f), d])
        : null;
      await detectWorker.api.injectDetections(entries);
    },
  };
  (window as unknown as { __garim: GarimTestApi }).__garim = api;
}
