/**
 * The test hooks of `window.__garim`, in a test build only (`vite build --mode e2e`; main.tsx installs them
 * behind TEST_BUILD, so a production bundle has none of this): fault injection and replaced detections for
 * the e2e specs, and the per-stage profiles the benchmarks read. Each calls the real workers.
 */
import type { Detection } from '../regions/types.ts';
import { armRenderFault } from '../lib/render-fault.ts';
import type { StageTotals } from '../lib/stage-clock.ts';
import { detectWorker, mediaClient } from '../workers/clients.ts';
import type { DetectTestHooks } from '../workers/detect.worker.ts';
import type { AnalysisProfile, MediaTestHooks } from '../workers/media.worker.ts';

export type FaultKind =
  'kill-detect-worker' | 'detect-throws' | 'decode-throws' | 'decode-held' | 'gpu-device-lost';

export type GarimTestHooks = {
  /** Where the running (or else the last) analysis pass's time went, per stage (`npm run bench`). */
  analysisProfile(): Promise<AnalysisProfile | null>;
  /** Where the running (or else the last) export's time went in the media worker (`npm run bench`). */
  exportProfile(): Promise<StageTotals>;
  /**
   * How long, in ms, the media worker has waited on a tab whose decoders were all held up by the browser
   * (docs/ROBUSTNESS.md, "Stalls"): time that is the browser's, not the app's, for the e2e time bounds.
   */
  starvedWaitMs(): Promise<number>;
  /**
   * Fault injection for e2e/robustness-faults.spec.ts: 'kill-detect-worker' terminates the detect worker
   * now, as a crash would; 'detect-throws' makes detection throw on `frames` (video frame indices; []
   * clears it); 'decode-throws' makes the analysis decoder throw (once) when it reaches `frames`;
   * 'gpu-device-lost' makes the next detection fail as a lost WebGPU device does; 'decode-held' holds the
   * next analysis's decoder up for `ms` before `frames[0]`, as a browser that runs no decoder of the tab does.
   */
  injectFault(kind: FaultKind, frames?: number[], ms?: number): Promise<void>;
  /** How many times detection fell back to WASM after losing its GPU device. */
  deviceFallbacks(): Promise<number>;
  /**
   * For the editing specs and the memory bench: from now on the analysis takes these detections (video
   * frame index → detections, source-video pixels) instead of the model's; frames not listed have none. The
   * rest of the pipeline (decode, tracker, store, export) runs as usual. null: the model again.
   */
  injectDetections(byFrame: Record<number, Detection[]> | null): Promise<void>;
  /**
   * From now on the media worker takes a detection not answered within `ms` as a dead detector (instead of
   * DETECT_DEADLINE_MS, a minute): the dead-worker spec need not wait a minute. Call it before the job.
   */
  detectDeadline(ms: number): Promise<void>;
  /** The app's next render fails, as a bug in a screen would (the root error boundary's spec). */
  failNextRender(): void;
};

/** What Comlink makes of a worker's methods on this side: each returns a promise. */
type Remote<Methods> = {
  [K in keyof Methods]: Methods[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/*
 * A test build's workers expose their test methods too (see the end of each worker); the workers' API
 * types leave them out, as a production build's workers do not have them. Read anew on each call: a worker
 * may have been restarted since.
 */
const mediaHooks = (): Remote<MediaTestHooks> =>
  mediaClient.testApi as unknown as Remote<MediaTestHooks>;
const detectHooks = (): Remote<DetectTestHooks> =>
  detectWorker.api as unknown as Remote<DetectTestHooks>;

async function injectFault(kind: FaultKind, frames: number[] = [], ms = 0): Promise<void> {
  if (kind === 'kill-detect-worker') detectWorker.terminate();
  else if (kind === 'decode-held') await mediaHooks().injectDecodeHold(frames[0] ?? 0, ms);
  else if (kind === 'decode-throws') await mediaHooks().injectDecodeFault(frames);
  else if (kind === 'gpu-device-lost') await detectHooks().injectDeviceLost();
  else await detectHooks().injectFault(frames);
}

export function testHooks(): GarimTestHooks {
  return {
    analysisProfile: () => mediaClient.testApi.analysisProfile(),
    exportProfile: () => mediaClient.testApi.exportProfile(),
    starvedWaitMs: () => mediaClient.testApi.starvedWaitMs(),
    deviceFallbacks: () => detectWorker.api.deviceFallbacks(),
    injectFault,
    async injectDetections(byFrame) {
      const entries = byFrame
        ? Object.entries(byFrame).map(([f, d]): [number, Detection[]] => [Number(f), d])
        : null;
      await detectHooks().injectDetections(entries);
    },
    detectDeadline: (ms) => mediaHooks().injectDetectDeadline(ms),
    failNextRender: armRenderFault,
  };
}
