/**
 * One frame of the opened source as a bitmap, for the review editor: decoded on demand (seeking to the
 * nearest key frame), rotation applied, scaled to at most `maxWidth`, and — for the mosaic preview — covered
 * with exactly the function export uses.
 */
import { VideoSample, VideoSampleSink } from 'mediabunny';
import { unrotateBox, type Rect } from '../regions/geometry.ts';
import type { RedactionSettings } from '../regions/types.ts';
import { redactVideoFrame } from '../redact/frame.ts';
import type { OpenedSource } from './source.ts';
import { usToSeconds } from './time.ts';

export type FrameRequest = {
  timestampUs: number;
  maxWidth: number;
  /** Boxes (display pixels, unpadded) to cover as export would; omit for the plain frame. */
  redact?: { boxes: Rect[]; settings: RedactionSettings };
};

const sinks = new WeakMap<OpenedSource, VideoSampleSink>();

function sinkFor(source: OpenedSource): VideoSampleSink {
  let sink = sinks.get(source);
  if (!sink) {
    sink = new VideoSampleSink(source.video);
    sinks.set(source, sink);
  }
  return sink;
}

async function covered(sample: VideoSample, request: FrameRequest): Promise<VideoSample> {
  if (!request.redact) return sample;
  const { displayWidth: w, displayHeight: h, rotation } = sample;
  const boxes = request.redact.boxes.map((b) => unrotateBox(b, rotation, w, h));
  const frame = sample.toVideoFrame();
  try {
    const out = await redactVideoFrame(frame, boxes, request.redact.settings);
    return out ? new VideoSample(out, { rotation }) : sample;
  } finally {
    frame.close();
  }
}

export async function frameAt(source: OpenedSource, request: FrameRequest): Promise<ImageBitmap> {
  const sample = await sinkFor(source).getSample(usToSeconds(request.timestampUs));
  if (!sample) throw new RangeError(`No frame at ${request.timestampUs} µs`);
  const shown = await covered(sample, request);
  try {
    const width = Math.min(request.maxWidth, shown.displayWidth);
    const height = Math.max(1, Math.round((shown.displayHeight * width) / shown.displayWidth));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) shown.draw(ctx, 0, 0, width, height);
    return canvas.transferToImageBitmap();
  } finally {
    if (shown !== sample) shown.close();
    sample.close();
  }
}
