/**
 * The media worker: opens the source, runs the analysis pass (with the detect worker over a MessagePort)
 * and the export pass. The opened source is kept between the two passes.
 */
import * as Comlink from 'comlink';
import {
  analyseFrames,
  type AnalysedFrame,
  type DetectFrame,
  type PassPlan,
} from '../media/analyse.ts';
import { frameAt, type FrameRequest } from '../media/frame-at.ts';
import { followRegion, type FollowRequest, type FollowResult } from '../media/follow-region.ts';
import { exportRedacted, type ExportResult } from '../media/export.ts';
import { openSource, type OpenedSource } from '../media/source.ts';
import { exportSalvaging } from '../media/salvage.ts';
import { canRepair, reopenRepaired, repairedSource, soundDamaged } from '../media/repair.ts';
import { PassLiveness, setDetectDeadline, starvedWaitTotalMs, within } from '../media/stall.ts';
import { decodersStarved } from '../media/decoder-canary.ts';
import type { SourceMetadata } from '../media/metadata.ts';
import { DEFAULT_OUTPUT, type OutputOptions } from '../media/output-options.ts';
import {
  isHeartbeat,
  type MediaInfo,
  type PassReport,
  type RepairKind,
  type RepairReport,
} from '../media/types.ts';
import { framesInFlight, type DetectRequest } from '../detect/schedule.ts';
import type { CoveredFrame, FrameRegions, RedactionSettings } from '../regions/types.ts';
import type { DetectWorkerApi } from './detect.worker.ts';
import { StageClock, workerClock, type StageTotals } from '../lib/stage-clock.ts';
import { DecoderHold } from '../media/decoder-hold.ts';
import { TEST_BUILD } from '../lib/test-build.ts';

type Progress = (report: PassReport) => void;

let source: OpenedSource | undefined;
let controller = new AbortController();
/** The visual tracker's own: cancelling it leaves the opened video (and any job) alone. */
let following: AbortController | undefined;
/** TEST HOOK (test builds, `window.__garim.injectFault`): frames whose decoding throws once. */
const decodeFaults = new Set<number>();
/** TEST HOOK (test builds): the next analysis's decoder is held up before one frame (`decode-held`). */
let decodeHold: DecoderHold | undefined;

function transferablesOf(report: PassReport): Transferable[] {
  return !isHeartbeat(report) && report.preview ? [report.preview.bitmap] : [];
}

function forward(onProgress: Progress): Progress {
  return (report) => onProgress(Comlink.transfer(report, transferablesOf(report)));
}

/** A heartbeat sent at most this often while frames come (a wait on held-up decoders always sends one). */
const BEAT_MS = 1_000;

/**
 * A pass's reports to the page: `report` (progress, forwarded with its picture), `waiting(ms)` (a heartbeat
 * saying how long the pass has waited on held-up decoders) and `alive()` (a heartbeat, at most every
 * `BEAT_MS`: a pass that reports no progress, such as the decode-only pass over a damaged file, is still
 * seen to live).
 */
function reporters(onProgress: Progress) {
  const report = forward(onProgress);
  let beatAt = 0;
  const alive = (): void => {
    const now = performance.now();
    if (now - beatAt < BEAT_MS) return;
    beatAt = now;
    report({ heartbeat: true });
  };
  const waiting = (waitingMs: number): void => report({ heartbeat: true, waitingMs });
  return { report, waiting, alive };
}

/** Where the analysis pass's time went: this worker's stages and the detect worker's (`npm run bench`). */
export type AnalysisProfile = { frames: number; media: StageTotals; detect: StageTotals | null };

const analysisClock = new StageClock();
let profiledDetector: Comlink.Remote<DetectWorkerApi> | undefined;
let lastProfile: AnalysisProfile | null = null;

/** The detect worker's profile, or null if it does not answer within 10 s (never holds a pass up). */
async function detectProfile(
  detector: Comlink.Remote<DetectWorkerApi>,
): Promise<StageTotals | null> {
  return within(detector.profile(), 10_000, null);
}

async function analysisProfile(
  detector: Comlink.Remote<DetectWorkerApi>,
): Promise<AnalysisProfile> {
  const media = analysisClock.snapshot();
  const detect = await detectProfile(detector);
  return { frames: detect?.['detect.frame']?.count ?? 0, media, detect };
}

/** Runs `pass` with a detect function that calls the detect worker over `port`, then releases it. */
async function withDetector<T>(
  port: MessagePort,
  request: Omit<DetectRequest, 'frameIndex'>,
  pass: (detect: DetectFrame, detector: Comlink.Remote<DetectWorkerApi>) => Promise<T>,
): Promise<T> {
  const detector = Comlink.wrap<DetectWorkerApi>(port);
  try {
    return await pass(
      (frame, rotation, frameIndex, cut) =>
        detector.detectFrame(Comlink.transfer(frame, [frame]), rotation, {
          ...request,
          frameIndex,
          cut,
        }),
      detector,
    );
  } finally {
    detector[Comlink.releaseProxy]();
  }
}

/** What a repair needs: where ffmpeg.wasm is served, the pass's signal, and its progress. */
function repairContext(baseUrl: string, { report, waiting, alive }: ReturnType<typeof reporters>) {
  return {
    baseUrl,
    signal: controller.signal,
    onProgress: (fraction: number) =>
      report({ stage: 'repair', done: Math.round(fraction * 100), total: 100, rate: 0 }),
    onStarved: waiting,
    onAlive: alive,
  };
}

function opened(): OpenedSource {
  if (!source) throw new Error('No video is open');
  return source;
}

const api = {
  /** Opens `file`; `repaired`: a damaged file, read through a copy repaired as when it was analysed. */
  async open(
    file: File | Blob,
    baseUrl: string,
    onProgress: Progress,
    repaired?: RepairReport,
  ): Promise<MediaInfo> {
    source?.input.dispose();
    source = undefined;
    controller = new AbortController();
    const reports = reporters(onProgress);
    const { report, waiting } = reports;
    const opening = openSource(file, baseUrl, controller.signal, (fraction) =>
      report({ stage: 'convert', done: Math.round(fraction * 100), total: 100, rate: 0 }),
    );
    // Opening has no stall limit of its own, but its encoder check and ffmpeg.wasm's compile wait on the
    // same browser thread pool as the decoders: time that pool is held up is shown and counted too.
    const liveness = new PassLiveness('Opening the file', undefined, {
      starved: decodersStarved,
      onStarved: waiting,
    });
    const original = await liveness.counting(opening);
    const ready = repaired
      ? await reopenRepaired(original, repaired, repairContext(baseUrl, reports)).finally(() =>
          original.input.dispose(),
        )
      : original;
    source = ready;
    return ready.info;
  },

  /**
   * Reads the open file through a repaired copy (media/repair.ts) when it is damaged: 'full' after
   * analysis met a damaged picture (`VideoNeedsRepair`), 'sound' when its sound does not decode. Gives the
   * repaired file's info, or null when it needs no repair or the repair would keep nothing more.
   */
  async repair(kind: RepairKind, baseUrl: string, onProgress: Progress): Promise<MediaInfo | null> {
    const current = opened();
    if (!canRepair(current)) return null;
    if (kind === 'sound' && !(await soundDamaged(current, controller.signal))) return null;
    const reports = reporters(onProgress);
    reports.report({ stage: 'repair', done: 0, total: 100, rate: 0 });
    const repaired = await repairedSource(current, kind, repairContext(baseUrl, reports));
    if (!repaired) return null;
    current.input.dispose();
    source = repaired;
    return repaired.info;
  },

  /**
   * The analysis pass; `resume` continues after a stored frame, `onFrames` gets finished frames in batches
   * with their stored previews (small JPEGs).
   */
  analyse(
    detectPort: MessagePort,
    request: Omit<DetectRequest, 'frameIndex'>,
    onProgress: Progress,
    resume?: PassPlan['resume'],
    onFrames?: (batch: AnalysedFrame[]) => Promise<void>,
  ): Promise<FrameRegions[]> {
    analysisClock.reset();
    const clock = analysisClock;
    const inFlight = framesInFlight(request.plates, request.mode);
    const plan: PassPlan = {
      stage: 'analyse',
      every: 1,
      resume,
      onFrames,
      decodeFaults,
      decodeHold,
      clock,
      inFlight,
      // The fault hook tests the key-frame recovery: a file it "damages" is not repaired.
      repairable: canRepair(opened()) && decodeFaults.size === 0,
    };
    return withDetector(detectPort, request, async (detect, detector) => {
      await detector.resetProfile();
      profiledDetector = detector;
      try {
        const frames = await analyseFrames(
          opened(),
          detect,
          controller.signal,
          forward(onProgress),
          plan,
        );
        lastProfile = await analysisProfile(detector);
        return frames;
      } finally {
        profiledDetector = undefined;
      }
    });
  },

  /** Where the running (or else the last finished) analysis pass's time went; null before any. */
  async analysisProfile(): Promise<AnalysisProfile | null> {
    return profiledDetector ? analysisProfile(profiledDetector) : lastProfile;
  },

  /** Runs detection again on the exported video (every `every`-th frame): what it finds was not covered. */
  async selfCheck(
    output: Blob,
    detectPort: MessagePort,
    request: Omit<DetectRequest, 'frameIndex'>,
    every: number,
    onProgress: Progress,
  ): Promise<FrameRegions[]> {
    const exported = await openSource(output, '', controller.signal, () => undefined);
    const plan: PassPlan = {
      stage: 'check',
      every,
      inFlight: framesInFlight(request.plates, request.mode),
    };
    try {
      return await withDetector(detectPort, request, (detect) =>
        analyseFrames(exported, detect, controller.signal, forward(onProgress), plan),
      );
    } finally {
      exported.input.dispose();
    }
  },

  async exportVideo(
    frames: CoveredFrame[],
    settings: RedactionSettings,
    onProgress: Progress,
    output: OutputOptions = DEFAULT_OUTPUT,
    outputName?: string,
  ): Promise<ExportResult> {
    // A source whose decoder fails part-way is exported again without the frames it cannot decode.
    // `outputName`: the OPFS file to stream the output to (src/job/output-files.ts); else kept in memory.
    workerClock.reset();
    const { report, waiting, alive } = reporters(onProgress);
    return exportSalvaging(
      opened(),
      controller.signal,
      (from) =>
        exportRedacted(from, frames, settings, controller.signal, report, output, outputName),
      // The decode-only pass over a damaged file reports no frames: its heartbeats keep the page's watchdog
      // fed, and its waits on a busy browser are shown.
      { onStarved: waiting, onAlive: alive },
    );
  },

  /**
   * Where the running (or else the last) export's time went in this worker: `export.process` (the whole
   * per-frame callback), of it `export.cover` (the mosaic) and `export.preview`, and `export.between` (waiting
   * for the decoder and the encoder between frames); `npm run bench`.
   */
  exportProfile(): StageTotals {
    return workerClock.snapshot();
  },

  /** All the waiting on held-up decoders this worker has done, in ms (e2e bounds leave it out). */
  starvedWaitMs(): number {
    return starvedWaitTotalMs();
  },

  /** What the opened file carries besides pictures and sound (null when no file is open). */
  sourceMetadata(): SourceMetadata | null {
    return source?.metadata ?? null;
  },

  /** One frame as a bitmap for the editor (optionally covered as export would). */
  async frameAt(request: FrameRequest): Promise<ImageBitmap> {
    const bitmap = await frameAt(opened(), request);
    return Comlink.transfer(bitmap, [bitmap]);
  },

  /** Follows a drawn region through `request.frames` with the visual tracker (cancel: `cancelFollow`). */
  async followRegion(
    request: FollowRequest,
    onProgress: (done: number, total: number) => void,
  ): Promise<FollowResult> {
    following?.abort();
    const mine = new AbortController();
    following = mine;
    try {
      return await followRegion(opened(), request, mine.signal, onProgress);
    } finally {
      if (following === mine) following = undefined;
    }
  },

  cancelFollow(): void {
    following?.abort();
  },

  isOpen(): boolean {
    return source !== undefined;
  },

  cancel(): void {
    controller.abort();
  },
};

/** Fault injection (src/job/test-hooks.ts), exposed by a test build's worker only (TEST_BUILD). */
const testHooks = {
  /** The decoder throws (once each) when analysis reaches these frames; [] clears it. */
  injectDecodeFault(frames: number[]): void {
    decodeFaults.clear();
    for (const frame of frames) decodeFaults.add(frame);
  },

  /** The next analysis's decoder is held up `ms` before `frame`, as by a busy browser. */
  injectDecodeHold(frame: number, ms: number): void {
    decodeHold = new DecoderHold(frame, ms);
  },

  /** From now on a detection not answered within `ms` stops the pass (a dead detect worker). */
  injectDetectDeadline(ms: number): void {
    setDetectDeadline(ms);
  },
};

export type MediaWorkerApi = typeof api;
export type MediaTestHooks = typeof testHooks;
// A production bundle has neither the hooks nor DecoderHold: TEST_BUILD is a literal there.
Comlink.expose(TEST_BUILD ? { ...api, ...testHooks } : api);
