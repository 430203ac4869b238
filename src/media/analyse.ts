/**
 * The analysis pass: decode every frame, hand it to the detector, collect detections per frame.
 * Decoding runs ahead of detection by at most `MAX_IN_FLIGHT` frames (backpressure, bounded memory).
 */
import { VideoSampleSink, type Rotation } from 'mediabunny';
import { assertNotAborted } from '../lib/abort.ts';
import type { Detection, FrameRegions } from '../regions/types.ts';
import type { OpenedSource } from './source.ts';
import { makePreview, PreviewThrottle } from './preview.ts';
import { RateMeter } from './rate.ts';
import { secondsToUs, usToSeconds } from './time.ts';
import type { StageProgress } from './types.ts';

/** Takes ownership of the frame (closes or transfers it); `rotation` is how it is shown (° clockwise). */
export type DetectFrame = (
  frame: VideoFrame,
  rotation: Rotation,
  frameIndex: number,
) => Promise<Detection[]>;

const MAX_IN_FLIGHT = 3;

/**
 * 'check' runs the same pass over the exported video, on every `every`-th frame. `resume` continues after a
 * stored frame; `onFrames` receives finished frames in order, in batches, and is awaited (backpressure).
 */
export type PassPlan = {
  stage: 'analyse' | 'check';
  every: number;
  resume?: { frameIndex: number; timestampUs: number };
  onFrames?: (batch: FrameRegions[]) => Promise<void>;
};

const BATCH = 30;

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
  const batch: FrameRegions[] = [];
  const flush = async (all: boolean) => {
    if (plan.onFrames && (all ? batch.length > 0 : batch.length >= BATCH)) {
      await plan.onFrames(batch.splice(0));
    }
  };
  const start = resume ? usToSeconds(resume.timestampUs) : undefined;
  for await (const sample of new VideoSampleSink(source.video).samples(start)) {
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
    sample.close();
    const job = detect(frame, rotation, index).then((detections) => {
      frames[index] = { frameIndex: index, timestampUs, detections };
      batch.push(frames[index]);
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
    inFlight.push(job);
    if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
    await flush(false);
  }
  await Promise.all(inFlight);
  await flush(true);
  assertNotAborted(signal);
  return frames.filter((f) => f !== undefined);
}
