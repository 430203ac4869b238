/**
 * "Limits stated up front" (issue 9): once a video is opened, and before its analysis starts, what the job
 * will cost — analysis time from the frame count and a per-frame cost for the chosen detail and backend, and
 * the storage its project needs against what the browser says is free — and whether this device can do it.
 */
import type { DetectorInfo } from '../detect/detector.ts';
import { MODELS } from '../detect/models.ts';
import { keyFrameShare } from '../detect/key-frames.ts';
import { TEXT_EVERY, type DetectRequest } from '../detect/schedule.ts';
import { passesFor, planRegions } from '../detect/tiles.ts';
import { viewPixels } from '../detect/views.ts';
import { GarimError } from '../lib/errors.ts';
import type { MediaInfo } from '../media/types.ts';
import { estimateProjectBytes, storageEstimate, type StorageEstimate } from '../store/index.ts';

/**
 * Per-frame costs in ms. WASM: measured on the 2-core CI machine in the full pipeline (docs/PERFORMANCE.md,
 * docs/MEASURED.md: BlazeFace ≈ 20–25 ms an inference, PP-OCRv4 ≈ 120–230 ms, decode + tensor + preview +
 * storage ≈ 40 ms a 720p frame; YuNet ≈ 150 ms for a 1280×736 input, one thread, so ≈ 160 ms a megapixel
 * of input). WebGPU: assumed (no GPU was available to measure), ≈ 4× faster inference.
 */
export const FRAME_COST_MS = {
  wasm: { face: 25, faceMegapixel: 160, text: 200 },
  webgpu: { face: 6, faceMegapixel: 40, text: 50 },
} as const;
/** Decoding, tensor preparation, previews and storage of one 1280×720 frame; scales with the picture. */
export const FRAME_OVERHEAD_720P_MS = 40;
const PIXELS_720P = 1280 * 720;

/** `fits`: room enough; `shortfall`: not free now; `too-big`: more than the browser allows this site at all. */
export type PlanVerdict = 'fits' | 'shortfall' | 'too-big' | 'unknown';

export type JobPlan = {
  frames: number;
  /** Estimated analysis time (seconds) on this device with the chosen detail and backend. */
  analysisSec: number;
  mode: DetectRequest['mode'];
  backend: DetectorInfo['backend'];
  /** Storage the project will take (bytes). */
  neededBytes: number;
  /** Free storage (bytes), or null when the browser does not say. */
  availableBytes: number | null;
  /** The most this site may store here (bytes), or null when the browser does not say. */
  quotaBytes: number | null;
  verdict: PlanVerdict;
};

/**
 * Model work per frame of an analysis, averaged over its schedule (the full face detector on key frames, a
 * glance between, text every `TEXT_EVERY`-th): `face` square-model inferences, or `faceMegapixels` of input for a
 * whole-frame model (YuNet).
 */
export function passesPerFrame(
  info: Pick<MediaInfo, 'width' | 'height'>,
  request: Omit<DetectRequest, 'frameIndex'>,
  detector: Pick<DetectorInfo, 'model'> & Partial<Pick<DetectorInfo, 'backend'>>,
): { face: number; faceMegapixels: number; text: number } {
  const { width, height } = info;
  const spec = MODELS[detector.model];
  const text = request.plates ? 1 / TEXT_EVERY[request.mode] : 0;
  const key = keyFrameShare(request.mode, detector.backend);
  if (spec.kind === 'views') {
    const detailed = viewPixels(request.mode, width, height, 'detail');
    const glance = viewPixels(request.mode, width, height, 'glance');
    const pixels = detailed * key + glance * (1 - key);
    return { face: 0, faceMegapixels: pixels / 1e6, text };
  }
  const regions = planRegions(
    width,
    height,
    passesFor(request.mode, spec.inputSize, Math.min(width, height)),
  );
  const tiles = Math.max(0, regions.length - 1);
  return { face: 1 + tiles * key, faceMegapixels: 0, text };
}

/** Estimated analysis time (seconds) for `info`'s frames. */
export function estimateAnalysisSec(
  info: Pick<MediaInfo, 'width' | 'height' | 'frameCount'>,
  request: Omit<DetectRequest, 'frameIndex'>,
  detector: Pick<DetectorInfo, 'model' | 'backend'>,
): number {
  const cost = FRAME_COST_MS[detector.backend];
  const passes = passesPerFrame(info, request, detector);
  const overhead = FRAME_OVERHEAD_720P_MS * Math.max(0.1, (info.width * info.height) / PIXELS_720P);
  const perFrameMs =
    overhead +
    passes.face * cost.face +
    passes.faceMegapixels * cost.faceMegapixel +
    passes.text * cost.text;
  return (info.frameCount * perFrameMs) / 1000;
}

function verdictOf(neededBytes: number, storage: StorageEstimate | null): PlanVerdict {
  if (!storage?.supported || storage.quotaBytes === 0) return 'unknown';
  if (neededBytes > storage.quotaBytes) return 'too-big';
  return neededBytes > storage.availableBytes ? 'shortfall' : 'fits';
}

/** The plan for analysing `info`; `storage` is null when no project will be stored (nothing to check). */
export function planJob(
  info: MediaInfo,
  request: Omit<DetectRequest, 'frameIndex'>,
  detector: Pick<DetectorInfo, 'model' | 'backend'>,
  storage: StorageEstimate | null,
): JobPlan {
  const neededBytes = estimateProjectBytes(info);
  const known = storage?.supported && storage.quotaBytes > 0;
  return {
    frames: info.frameCount,
    analysisSec: estimateAnalysisSec(info, request, detector),
    mode: request.mode,
    backend: detector.backend,
    neededBytes,
    availableBytes: known ? storage.availableBytes : null,
    quotaBytes: known ? storage.quotaBytes : null,
    verdict: verdictOf(neededBytes, storage),
  };
}

/**
 * The project would need more storage than the browser lets this site keep at all (even with every other
 * project deleted): refused before anything is stored.
 */
export class StorageTooSmallError extends GarimError {
  constructor(plan: JobPlan) {
    super(
      'StorageTooSmallError',
      `The project needs about ${plan.neededBytes} bytes; this browser allows this site ${plan.quotaBytes ?? '?'} bytes in all.`,
    );
  }
}

/** Throws `StorageTooSmallError` for a plan this device cannot carry out. */
export function refuseImpossible(plan: JobPlan): void {
  if (plan.verdict === 'too-big') throw new StorageTooSmallError(plan);
}

/**
 * Works out the plan once the video is open, hands it to `onPlan` (the screen shows it), and refuses a job
 * this device cannot carry out. `storing`: a new project will be stored (so its storage is checked).
 */
export async function statePlan(
  info: MediaInfo,
  request: Omit<DetectRequest, 'frameIndex'>,
  detector: Pick<DetectorInfo, 'model' | 'backend'>,
  storing: boolean,
  onPlan: (plan: JobPlan) => void,
): Promise<JobPlan> {
  const storage = storing ? await storageEstimate() : null;
  const plan = planJob(info, request, detector, storage);
  onPlan(plan);
  refuseImpossible(plan);
  return plan;
}
