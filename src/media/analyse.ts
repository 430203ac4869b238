/**
 * The analysis pass: decode every frame, hand it to the detector, collect detections per frame.
 * Decoding runs ahead of detection by at most `MAX_IN_FLIGHT` frames (backpressure, bounded memory).
 */
import { VideoSampleSink, type Rotation } from 'mediabunny';
import { assertNotAborted } from '../lib/abort.ts';
import { isAbortError } from '../lib/errors.ts';
import { DamagedVideoError, NoDecodableFramesError } from './errors.ts';
import type { Detection, FrameRegions } from '../regions/types.ts';
import type { OpenedSource } from './source.ts';
import { makePreview, PreviewThrottle } from './preview.ts';
import { StoredPreviewMaker } from './stored-preview.ts';
import { RateMeter } from './rate.ts';
import { deadline, stallGuarded } from './stall.ts';
import { secondsToUs, usToSeconds } from './time.ts';
import type { StageProgress } from './types.ts';

/** Takes ownership of the frame (closes or transfers it); `rotation` is how it is shown (° clockwise). */
export type DetectFrame = (
  frame: VideoFrame,
  rotation: Rotation,
  frameIndex: number,
) => Promise<Detection[]>;

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
};

const BATCH = 30;

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
  const stalled = error instanceof Error && error.name === 'StalledError';
  if (signal.aborted || isAbortError(error) || stalled) throw error;
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

export async function analyseFrames(
  source: OpenedSource,
  detect: DetectFrame,
  signal: AbortSignal,
  onProgress: (progress: StageProgress) => void,
  plan: PassPlan = { stage: 'analyse', every: 1 },
): Promise<FrameRegions[]> {
  const frames: FrameRegions[] = [];
  const inFlight: Promise<void>[] = [];
  const total = source.info.frameCount;
  const rate = new RateMeter();
  const throttle = new PreviewThrottle();
  const resume = plan.resume;
  let done = resume ? resume.frameIndex + 1 : 0;
  let frameIndex = done;
  const batch: AnalysedFrame[] = [];
  const stills = plan.onFrames ? new StoredPreviewMaker() : undefined;
  /** Frames are recorded in frame order even when a preview finishes encoding after the next frame. */
  let ordered: Promise<unknown> = Promise.resolve();
  const flush = async (all: boolean) => {
    if (plan.onFrames && (all ? batch.length > 0 : batch.length >= BATCH)) {
      await plan.onFrames(batch.splice(0));
    }
  };
  const start = resume ? usToSeconds(resume.timestampUs) : undefined;
  const samples = stallGuarded(new VideoSampleSink(source.video).samples(start), 'Decoding', (e) =>
    decodeFailure(e, frameIndex, signal, plan.stage),
  );
  try {
    for await (const sample of samples) {
      assertNotAborted(signal);
      if (resume && secondsToUs(sample.timestamp) <= resume.timestampUs) {
        sample.close();
        continue;
      }
      const index = frameIndex++;
      if (index % plan.every !== 0) {
        sample.close();
        done++;
        continue;
      }
      const timestampUs = secondsToUs(sample.timestamp);
      const frame = sample.toVideoFrame();
      const preview = throttle.due() ? sample.clone() : null;
      const rotation = sample.rotation;
      const still = stills?.capture(sample);
      sample.close();
      const detected = deadline(detect(frame, rotation, index), `Detection on frame ${index}`).then(
        (detections): FrameRegions => ({ frameIndex: index, timestampUs, detections }),
        (error: unknown) => failedFrame(index, timestampUs, error, signal),
      );
      const job = Promise.all([detected, still, ordered]).then(([regions, stored]) => {
        const { detections } = regions;
        frames[index] = regions;
        batch.push(stored ? { ...regions, preview: stored } : regions);
        done++;
        const progress: StageProgress = {
          stage: plan.stage,
          done,
          total,
          rate: rate.perSecond(done),
        };
        if (preview) {
          progress.preview = makePreview(
            preview,
            index,
            detections.map((d) => d.box),
            false,
          );
          preview.close();
        }
        onProgress(progress);
      });
      ordered = job;
      inFlight.push(job);
      if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      await flush(false);
    }
  } catch (error) {
    if (!(error instanceof DecoderStalled)) throw error;
    console.warn(
      `Garim: the decoder stopped after frame ${frameIndex - 1}; analysis ends there`,
      error,
    );
  }
  await Promise.all(inFlight);
  if (plan.stage === 'analyse' && frameIndex === 0) {
    throw new NoDecodableFramesError(
      `None of the ${total} frames the container lists could be decoded`,
    );
  }
  await flush(true);
  assertNotAborted(signal);
  return frames.filter((f) => f !== undefined);
}
