/**
 * Follows a region a person drew through the video, forward or backward, with the visual tracker
 * (regions/visual-tracker.ts). Frames are decoded with the source's own decoder, drawn (rotation applied)
 * at a small "working" scale where the region is about TEMPLATE_SIDE pixels across, and turned to grayscale.
 * Backward tracking decodes in forward chunks and walks each chunk in reverse. Stops when the match
 * confidence drops, when the region leaves the picture, at the last frame asked for, or when cancelled;
 * what was found up to then is returned either way.
 */
import { VideoSampleSink, type VideoSample } from 'mediabunny';
import { area, clipBox, scaleRect, type Rect } from '../regions/geometry.ts';
import {
  DEFAULT_VISUAL_TRACKER,
  rgbaToGray,
  startVisualTracker,
  trackVisualStep,
  workingScale,
  type GrayImage,
  type VisualTrackerState,
} from '../regions/visual-tracker.ts';
import type { OpenedSource } from './source.ts';
import { usToSeconds } from './time.ts';

export type FollowFrame = { frameIndex: number; timestampUs: number };
export type FollowRequest = {
  /** Display pixels (what the editor shows), on `frames[0]`. */
  box: Rect;
  /** The frame the box is on, then the frames to follow it through, in tracking order. */
  frames: FollowFrame[];
  minScore?: number;
};
export type FollowedBox = { frameIndex: number; box: Rect; score: number };
/** Why tracking stopped: 'lost' = confidence dropped, 'left' = the region left the picture. */
export type FollowStop = 'end' | 'lost' | 'left' | 'cancelled' | 'flat';
export type FollowResult = { boxes: FollowedBox[]; stop: FollowStop; stoppedAt?: number };

const CHUNK = 30;
/** Less than this fraction of the box inside the picture: the region has left it. */
const MIN_INSIDE = 0.5;

function grayOf(sample: VideoSample, scale: number): GrayImage {
  const width = Math.max(1, Math.round(sample.displayWidth * scale));
  const height = Math.max(1, Math.round(sample.displayHeight * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D context for the visual tracker');
  sample.draw(ctx, 0, 0, width, height);
  return rgbaToGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** Grayscale frames in the order given, decoded in ascending chunks (backward tracking reads each in reverse). */
async function* grayFrames(
  sink: VideoSampleSink,
  frames: readonly FollowFrame[],
  scale: number,
): AsyncGenerator<{ frame: FollowFrame; image: GrayImage | null }> {
  for (let start = 0; start < frames.length; start += CHUNK) {
    const chunk = frames.slice(start, start + CHUNK);
    const ascending = [...chunk].sort((a, b) => a.timestampUs - b.timestampUs);
    const images = new Map<number, GrayImage | null>();
    const times = ascending.map((f) => usToSeconds(f.timestampUs));
    let i = 0;
    for await (const sample of sink.samplesAtTimestamps(times)) {
      const frame = ascending[i++];
      if (!frame) break;
      images.set(frame.frameIndex, sample ? grayOf(sample, scale) : null);
      sample?.close();
    }
    for (const frame of chunk) yield { frame, image: images.get(frame.frameIndex) ?? null };
  }
}

function insideFraction(box: Rect, image: GrayImage): number {
  return area(clipBox(box, image.width, image.height)) / Math.max(1e-9, area(box));
}

export async function followRegion(
  source: OpenedSource,
  request: FollowRequest,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<FollowResult> {
  const scale = workingScale(request.box);
  const options = { ...DEFAULT_VISUAL_TRACKER, minScore: request.minScore ?? 0.5 };
  const sink = new VideoSampleSink(source.video);
  const boxes: FollowedBox[] = [];
  const total = request.frames.length - 1;
  let state: VisualTrackerState | null = null;
  for await (const { frame, image } of grayFrames(sink, request.frames, scale)) {
    if (signal.aborted) return { boxes, stop: 'cancelled', stoppedAt: frame.frameIndex };
    if (!image) return { boxes, stop: 'end', stoppedAt: frame.frameIndex };
    if (!state) {
      state = startVisualTracker(image, scaleRect(request.box, scale));
      if (!state) return { boxes, stop: 'flat' };
      continue;
    }
    const step = trackVisualStep(state, image, options);
    if (step.lost) return { boxes, stop: 'lost', stoppedAt: frame.frameIndex };
    if (insideFraction(step.box, image) < MIN_INSIDE) {
      return { boxes, stop: 'left', stoppedAt: frame.frameIndex };
    }
    state = step.state;
    boxes.push({
      frameIndex: frame.frameIndex,
      box: scaleRect(step.box, 1 / scale),
      score: step.score,
    });
    if (boxes.length % 5 === 0 || boxes.length === total) onProgress(boxes.length, total);
  }
  return { boxes, stop: 'end' };
}
