/**
 * `window.__garim`: a small typed API for the command line and e2e tests. It calls the same workers the UI
 * uses; nothing here is a mock.
 */
import type { DetectorInfo } from '../detect/detector.ts';
import { DEFAULT_REDACTION, type Detection } from '../regions/types.ts';
import { detectWorker } from '../workers/clients.ts';
import { initDetector, type JobResult } from './job.ts';

export type ImageDetections = { width: number; height: number; detections: Detection[] };

export type GarimTestApi = {
  detectorInfo(): Promise<DetectorInfo>;
  detectImage(bytes: Uint8Array): Promise<ImageDetections>;
  lastResult(): JobResult | null;
  redaction: typeof DEFAULT_REDACTION;
};

let last: JobResult | null = null;

export function rememberResult(result: JobResult | null): void {
  last = result;
}

export function installTestApi(): void {
  const api: GarimTestApi = {
    detectorInfo: () => initDetector(),
    async detectImage(bytes) {
      await initDetector();
      return detectWorker.api.detectImage(new Blob([bytes.slice().buffer]));
    },
    lastResult: () => last,
    redaction: DEFAULT_REDACTION,
  };
  (window as unknown as { __garim: GarimTestApi }).__garim = api;
}
