/**
 * The analysis pass: decode every frame, hand it to the detector, collect detections per frame.
 * Decoding runs ahead of detection by at most `MAX_IN_FLIGHT` frames (backpressure, bounded memory).
 */
import type { Rotation, VideoSample } from 'mediabunny';
import { assertNotAborted } from '../lib/abort.ts';
import { isAbortError } from '../lib/errors.ts';
import { DamagedVideoError, NoDecodableFramesError, VideoNeedsRepair } from './errors.ts';
import type { DetectedFrame, EarlierHits, FrameRegions } from '../regions/types.ts';
import { decodeRecovering, withDecodeFaults, type Decoded } from './decode-recovery.ts';
import type { OpenedSource } from './source.ts';
import { makePreview, PreviewThrottle } from './preview.ts';
import { ShotCuts, ShotThumbnail } from './shot-cut.ts';
import { StoredPreviewMaker } from './stored-preview.ts';
import { RateMeter } from './rate.ts';
import { deadline, isStall, PassLiveness, stallLimitMs } from './stall.ts';
import { decodersStarved } from './decoder-canary.ts';
import type { DecoderHold } from './decoder-hold.ts';
import { secondsToUs } from './time.ts';
import { StageClock } from '../lib/stage-clock.ts';
import type { PassReport, StageProgress } from './types.ts';

/**
 * Takes ownership of the frame (closes or transfers it); `rotation` is how it is shown (° clockwise); `cut`:
 * a new shot begins at this frame. Gives the frame's hits, and hits for earlier frames (added to them).
 */
export type DetectFrame = (
  frame: VideoFrame,
  rotation: Rotation,
  frameIndex: number,
  cut: boolean,
) => Promise<DetectedFrame>;

/** Frames in detection at once, unless the plan says otherwise. */
const MAX_IN_FLIGHT = 3;

/** A finished frame as handed to `onFrames`: its regions and the small JPEG to store with them. */
export type AnalysedFrame = FrameRegions & { preview?: Blob };

/**
 * 'check' runs the same pass over the exported video, on every `every`-th frame. `resume` continues after a
 * stored frame; `onFrames` receives finished frames in order, in batches, each with its stored preview, and
 * is awaited (backpressure). Previews are made only when there is an `onFrames` to keep them.
 */
export type PassPlan = {
  stage: 'analyse' | 'check';
  every: number;
  resume?: { frameIndex: number; timestampUs: number };
  onFrames?: (batch: AnalysedFrame[]) => Promise<void>;
  /** TEST HOOK (e2e only): frames at which the decoder's output throws once (see decode-recovery.ts). */
  decodeFaults?: Set<number>;
  /** TEST HOOK (e2e only): the decoder held up before one frame, as by a busy browser (decoder-hold.ts). */
  decodeHold?: DecoderHold;
  /** Where the pass's time goes (decode wait, previews, waiting for detection, saving); `npm run bench`. */
  clock?: StageClock;
  /** Frames in detection at once (default `MAX_IN_FLIGHT`); see `framesInFlight` in detect/schedule.ts. */
  inFlight?: number;
  /**
   * The file can be repaired (media/repair.ts): a damaged picture ends the pass with `VideoNeedsRepair`
   * once the frames before it are handed on, instead of going on from the next key frame.
   */
  repairable?: boolean;
};

const BATCH = 30;

/**
 * The latest frames recorded are kept this long from being saved, so that hits the detector finds for them
 * later (a face followed back from a later frame: detect/face-follower.ts `FOLLOW_BACK_FRAMES`) are saved
 * with them. A resume re-analyses them.
 */
export const AMENDABLE_FRAMES = 32;

/**
 * What a frame whose detection threw is recorded as: no regions, flagged, so export covers it whole. An
 * abort is passed on (the job is stopping, nothing is recorded).
 */
export function failedFrame(
  frameIndex: number,
  timestampUs: number,
  error: unknown,
  signal: AbortSignal,
): FrameRegions {
  // A cancel, or a detector that stopped answering (its worker died): the pass stops, nothing recorded.
  if (signal.aborted || isAbortError(error) || isStall(error)) throw error;
  console.warn(`Garim: detection failed on frame ${frameIndex}; it will be covered whole`, error);
  return { frameIndex, timestampUs, detections: [], failed: true };
}

/**
 * The decoder stopped giving frames part-way through the analysis (a file cut short: the packets the index
 * lists are not there). Analysis ends at the last decoded frame; review says how many are missing and export
 * stops there too (`exportEnd`).
 */
export class DecoderStalled extends Error {
  constructor(cause: Error) {
    super(cause.message);
    this.name = 'DecoderStalled';
  }
}

/**
 * Names a decoder failure: a stall before the first frame means nothing is decodable (a file cut short
 * before its first picture), a later one ends the analysis there (`DecoderStalled`); any other failure (not
 * a cancel) is damage at `frameIndex`.
 */
export function decodeFailure(
  error: unknown,
  frameIndex: number,
  signal: AbortSignal,
  stage: PassPlan['stage'] = 'analyse',
): unknown {
  if (signal.aborted || isAbortError(error) || !(error instanceof Error)) return error;
  if (error.name === 'StalledError') {
    if (stage !== 'analyse') return error;
    if (frameIndex > 0) return new DecoderStalled(error);
    return new NoDecodableFramesError(`No frame decoded: ${error.message}`);
  }
  return new DamagedVideoError(
    `Decoding failed at frame ${frameIndex}: ${error.name}: ${error.message}`,
  );
}

/** What one pass has recorded so far, shared by the decoding segments of the pass. */
type PassState = {
  frames: FrameRegions[];
  batch: AnalysedFrame[];
  inFlight: Promise<void>[];
  /** Index the next frame gets. */
  frameIndex: number;
  /** Frames counted (analysed, skipped by `every`, or lost), for progress. */
  done: number;
  /** Frames the decoder gave this pass. */
  decoded: number;
  /** Timestamp of the last frame recorded (or stored, on resume); frames up to it are not analysed again. */
  afterUs: number | undefined;
};

/** One analysis (or check) pass: what every decoder segment of it works with. */
type Pass = {
  source: OpenedSource;
  detect: DetectFrame;
  signal: AbortSignal;
  plan: PassPlan;
  state: PassState;
  report: (progress: Omit<StageProgress, 'rate'>) => void;
  /** The pass's heartbeat: while it waits on held-up decoders, with how long it has waited. */
  beat: (waitingMs?: number) => void;
  /** Hands finished frames to `plan.onFrames` (all of them, or all but the amendable ones). */
  flush: (all: boolean) => Promise<void>;
};

export async function analyseFrames(
  source: OpenedSource,
  detect: DetectFrame,
  signal: AbortSignal,
  onProgress: (report: PassReport) => void,
  plan: PassPlan = { stage: 'analyse', every: 1 },
): Promise<FrameRegions[]> {
  const resume = plan.resume;
  const first = resume ? resume.frameIndex + 1 : 0;
  const state: PassState = {
    frames: [],
    batch: [],
    inFlight: [],
    frameIndex: first,
    done: first,
    decoded: 0,
    afterUs: resume?.timestampUs,
  };
  // A resumed pass's rate (and so its time left) counts only the frames analysed in this run.
  const rate = new RateMeter(first);
  const report = (progress: Omit<StageProgress, 'rate'>): void =>
    onProgress({ ...progress, rate: rate.perSecond(state.done) });
  const flush = async (all: boolean) => {
    if (!plan.onFrames) return;
    if (all && state.batch.length > 0) await plan.onFrames(state.batch.splice(0));
    if (!all && state.batch.length >= BATCH + AMENDABLE_FRAMES) {
      await plan.onFrames(state.batch.splice(0, state.batch.length - AMENDABLE_FRAMES));
    }
  };
  const beat = (waitingMs?: number): void => onProgress({ heartbeat: true, waitingMs });
  const pass: Pass = { source, detect, signal, plan, state, report, beat, flush };
  try {
    await analyseDecoded(pass, decodeRecovering(source.video, decodeOptions(pass)));
  } catch (error) {
    if (!(error instanceof DecoderStalled)) throw error;
    console.warn(
      `Garim: the decoder stopped after frame ${state.frameIndex - 1}; analysis ends there`,
      error,
    );
  }
  await Promise.all(state.inFlight);
  // A resume after the last stored frame may find nothing left to decode: that is not a damaged file.
  if (plan.stage === 'analyse' && state.decoded === 0 && !resume) {
    throw new NoDecodableFramesError(
      `None of the ${source.info.frameCount} frames the container lists could be decoded`,
    );
  }
  await flush(true);
  assertNotAborted(signal);
  return state.frames.filter((f) => f !== undefined);
}

/** How the pass decodes: its liveness guard, where it resumes, how failures are named, the test hooks. */
function decodeOptions(pass: Pass) {
  const { source, signal, plan, state } = pass;
  const { width, height } = source.info;
  const liveness = new PassLiveness('Decoding', stallLimitMs(width, height), {
    // A pause while every decoder of the tab is held up is waited out, not taken as the file's fault.
    starved: plan.decodeHold?.starved ?? decodersStarved,
    onStarved: pass.beat,
  });
  return {
    liveness,
    afterUs: state.afterUs,
    mapError: (error: unknown) => decodeFailure(error, state.frameIndex, signal, plan.stage),
    // Analysis gets past damage (its frames recorded as failed, or the file repaired); the check does not.
    recover: plan.stage === 'analyse',
    // The test hooks count frames from the index the next new frame gets.
    wrap: (samples: AsyncIterable<VideoSample>, isOld: (sample: VideoSample) => boolean) => {
      const held = plan.decodeHold?.wrap(samples, state.frameIndex, isOld) ?? samples;
      if (!plan.decodeFaults?.size) return held;
      return withDecodeFaults(held, plan.decodeFaults, state.frameIndex, isOld);
    },
  };
}

/**
 * Frames the decoder lost to damage: recorded as failed (covered whole on export), or, when the file can
 * be repaired, the pass ends with `VideoNeedsRepair` once the frames before them are handed on.
 */
async function onLost(pass: Pass, { lostUs, error }: { lostUs: number[]; error: unknown }) {
  const { plan, state } = pass;
  await Promise.all(state.inFlight.splice(0));
  if (plan.repairable) {
    await pass.flush(true);
    throw new VideoNeedsRepair(error);
  }
  recordLost(state, lostUs, error);
  pass.report({ stage: plan.stage, done: state.done, total: pass.source.info.frameCount });
}

/**
 * Adds hits found on a later frame to the recorded frames they belong to (not yet saved: the last
 * `AMENDABLE_FRAMES` are held back). A frame whose detection failed stays as it is (covered whole).
 */
function amendFrames(state: PassState, earlier: readonly EarlierHits[]): void {
  for (const { frameIndex, detections } of earlier) {
    const recorded = state.frames[frameIndex];
    if (!recorded || recorded.failed || detections.length === 0) continue;
    const added = <F extends FrameRegions>(frame: F): F => ({
      ...frame,
      detections: [...frame.detections, ...detections],
    });
    state.frames[frameIndex] = added(recorded);
    const held = state.batch.findIndex((frame) => frame.frameIndex === frameIndex);
    if (held >= 0) state.batch[held] = added(state.batch[held]!);
  }
}

/** Records frames the decoder could not give as failed: no regions, covered whole on export. */
function recordLost(state: PassState, lostUs: readonly number[], error: unknown): void {
  if (lostUs.length === 0) return;
  const from = state.frameIndex;
  for (const timestampUs of lostUs) {
    const regions: FrameRegions = {
      frameIndex: state.frameIndex,
      timestampUs,
      detections: [],
      failed: true,
    };
    state.frames[state.frameIndex++] = regions;
    state.batch.push(regions);
    state.done++;
    state.afterUs = timestampUs;
  }
  console.warn(
    `Garim: frames ${from}–${state.frameIndex - 1} could not be decoded; they will be covered whole`,
    error,
  );
}

/** What a pass keeps between frames to make each frame's previews and to find shot cuts. */
class FrameLooks {
  readonly throttle = new PreviewThrottle();
  readonly stored: StoredPreviewMaker | undefined;
  // Shot cuts, from the stored preview's picture (so they cost a 32-px thumbnail, not another draw).
  readonly shots = new ShotCuts();
  readonly thumbnail = new ShotThumbnail();

  constructor(keepsPreviews: boolean) {
    this.stored = keepsPreviews ? new StoredPreviewMaker() : undefined;
  }
}

/** Hands each decoded frame to the detector (and records lost ones); throws what ends the decoding. */
async function analyseDecoded(pass: Pass, decoded: AsyncIterable<Decoded>): Promise<void> {
  const { signal, plan } = pass;
  const looks = new FrameLooks(plan.onFrames !== undefined);
  const clock = plan.clock ?? new StageClock();
  let asked = performance.now();
  for await (const event of decoded) {
    clock.add('decode', performance.now() - asked);
    if ('lostUs' in event) {
      await onLost(pass, event);
      asked = performance.now();
      continue;
    }
    const { sample } = event;
    if (signal.aborted) sample.close();
    assertNotAborted(signal);
    await analyseSample(pass, sample, looks, clock);
    asked = performance.now();
  }
}

/** One decoded frame: counted, and unless `every` skips it, handed to the detector (in flight). */
async function analyseSample(
  pass: Pass,
  sample: VideoSample,
  looks: FrameLooks,
  clock: StageClock,
) {
  const { plan, state } = pass;
  state.decoded++;
  const index = state.frameIndex++;
  const timestampUs = secondsToUs(sample.timestamp);
  state.afterUs = timestampUs;
  if (index % plan.every !== 0) {
    sample.close();
    state.done++;
    return;
  }
  const frame = sample.toVideoFrame();
  const preview = looks.throttle.due() ? sample.clone() : null;
  const { stored } = looks;
  // Drawn before the sample is closed; the JPEG encodes off this thread.
  const capture = stored
    ? await clock.time('preview.stored', () => stored.capture(sample))
    : undefined;
  const shotLuma = capture?.picture && looks.thumbnail.of(capture.picture);
  const cut = shotLuma ? looks.shots.next(shotLuma) : false;
  const rotation = sample.rotation;
  sample.close();
  const detecting = { frame, rotation, index, timestampUs, cut, preview };
  state.inFlight.push(detectAndRecord(pass, detecting, capture?.encoded, clock));
  if (state.inFlight.length >= (plan.inFlight ?? MAX_IN_FLIGHT)) {
    await clock.time('detect.wait', () => state.inFlight.shift());
  }
  await clock.time('save', () => pass.flush(false));
}

type Detecting = {
  frame: VideoFrame;
  rotation: Rotation;
  index: number;
  timestampUs: number;
  cut: boolean;
  /** A copy for the live preview (closed however the job ends), or null when none is due. */
  preview: VideoSample | null;
};

/**
 * Detection on one frame, then its regions recorded in order (after the frame before it), with its stored
 * preview and the hits it found for earlier frames; a live preview and the progress reported.
 */
function detectAndRecord(
  pass: Pass,
  { frame, rotation, index, timestampUs, cut, preview }: Detecting,
  storedPreview: Promise<Blob | undefined> | undefined,
  clock: StageClock,
): Promise<void> {
  const { detect, signal, plan, state, report } = pass;
  const previous = state.inFlight[state.inFlight.length - 1];
  return (
    deadline(detect(frame, rotation, index, cut), `Detection on frame ${index}`)
      .then(
        ({ detections, earlier }) => ({
          regions: { frameIndex: index, timestampUs, detections },
          earlier,
        }),
        (error: unknown) => ({
          regions: failedFrame(index, timestampUs, error, signal),
          earlier: [] as EarlierHits[],
        }),
      )
      .then(async ({ regions: found, earlier }) => {
        const regions: FrameRegions = cut ? { ...found, cut: true } : found;
        const picture = await storedPreview;
        await previous; // frames are recorded in order, whichever preview finishes first
        amendFrames(state, earlier);
        state.frames[index] = regions;
        state.batch.push(picture ? { ...regions, preview: picture } : regions);
        state.done++;
        const total = pass.source.info.frameCount;
        const progress: Omit<StageProgress, 'rate'> = {
          stage: plan.stage,
          done: state.done,
          total,
        };
        if (preview) {
          const boxes = regions.detections.filter((d) => !d.weak).map((d) => d.box);
          progress.preview = clock.time('preview.live', () =>
            makePreview(preview, index, boxes, false),
          );
        }
        report(progress);
      })
      // Closed however the job ends (a cancel or a dead detector rejects it before the preview is drawn).
      .finally(() => preview?.close())
  );
}
