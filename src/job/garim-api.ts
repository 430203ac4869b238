/**
 * `window.__garim`: the small typed API the command line and the benchmarks drive the app through (docs/CLI.md).
 * Its four members are a contract kept in every build; a test build adds its test hooks (test-hooks.ts). It
 * calls the same workers the UI uses; nothing here is a mock.
 */
import type { DetectorInfo } from '../detect/detector.ts';
import { DEFAULT_MODEL, type ModelId } from '../detect/models.ts';
import type { DetectRequest } from '../detect/schedule.ts';
import { DEFAULT_DETAIL } from '../detect/tiles.ts';
import { DEFAULT_REDACTION, type Detection } from '../regions/types.ts';
import { detectWorker } from '../workers/clients.ts';
import { initDetector, type JobResult } from './job.ts';
import type { GarimTestHooks } from './test-hooks.ts';

export type ImageDetections = { width: number; height: number; detections: Detection[] };

/** The command line's contract (cli/, bench/): in every build. */
export type GarimApi = {
  detectorInfo(model?: ModelId): Promise<DetectorInfo>;
  /** Detects in an encoded image with the settings used for video frames (`model` for benchmarks). */
  detectImage(
    bytes: Uint8Array,
    model?: ModelId,
    request?: Partial<Omit<DetectRequest, 'frameIndex'>>,
  ): Promise<ImageDetections>;
  /** The finished job the result screen shows (null before one, and once another starts). */
  lastResult(): JobResult | null;
  redaction: typeof DEFAULT_REDACTION;
};

/** `window.__garim` in a test build: the contract and the test hooks. */
export type GarimTestApi = GarimApi & GarimTestHooks;

let last: JobResult | null = null;

export function rememberResult(result: JobResult | null): void {
  last = result;
}

function garimApi(): GarimApi {
  return {
    detectorInfo: (model = DEFAULT_MODEL) => initDetector(model),
    async detectImage(bytes, model = DEFAULT_MODEL, request = {}) {
      await initDetector(model);
      const full = { mode: DEFAULT_DETAIL, plates: true, ...request };
      return detectWorker.api.detectImage(new Blob([bytes.slice().buffer]), full);
    },
    lastResult: () => last,
    redaction: DEFAULT_REDACTION,
  };
}

/** Sets `window.__garim`: the contract, with `hooks` added in a test build (main.tsx decides). */
export function installGarimApi(hooks?: GarimTestHooks): void {
  const api: GarimApi | GarimTestApi = hooks ? { ...garimApi(), ...hooks } : garimApi();
  (window as unknown as { __garim: GarimApi | GarimTestApi }).__garim = api;
}
