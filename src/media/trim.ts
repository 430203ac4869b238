/**
 * Trim in/out points for export. A trim is two frame indices, both inclusive; the export holds exactly the
 * frames from `inFrame` to `outFrame`, the first at time 0, and the sound over the same span.
 *
 * The cut is made in the export's own decode → cover → encode pass: mediabunny's conversion is asked for
 * the window (so it decodes from the right key frame and cuts the sound), and every decoded frame is then
 * kept or dropped by its index here. A window that starts exactly on the in frame's timestamp lets
 * mediabunny hand over the frame before it too (its demuxed duration can reach past the in point, e.g. a
 * B-frame file's decode-order durations), so the window starts just after the in frame's timestamp and the
 * frames are placed by their own timestamps, not by the conversion's clamped ones.
 */
import { usToSeconds } from './time.ts';

export type TrimRange = { inFrame: number; outFrame: number };

/** How far after the in frame's timestamp the conversion's window starts (µs): past any rounding. */
export const WINDOW_NUDGE_US = 1;

/**
 * The trim as it can be applied to `frameCount` frames: indices clamped into the video and in ≤ out.
 * Undefined when there is nothing to cut (no trim, or one that covers every frame).
 */
export function effectiveTrim(
  trim: TrimRange | undefined,
  frameCount: number,
): TrimRange | undefined {
  if (!trim || frameCount <= 0) return undefined;
  const last = frameCount - 1;
  const clamp = (n: number) => Math.min(last, Math.max(0, Math.round(n)));
  const a = clamp(trim.inFrame);
  const b = clamp(trim.outFrame);
  const range = { inFrame: Math.min(a, b), outFrame: Math.max(a, b) };
  return range.inFrame === 0 && range.outFrame === last ? undefined : range;
}

/** Sets the in point; an out point before it moves to it (the range never runs backwards). */
export function withIn(trim: TrimRange | undefined, frame: number, frameCount: number): TrimRange {
  const outFrame = trim?.outFrame ?? frameCount - 1;
  return { inFrame: frame, outFrame: Math.max(frame, outFrame) };
}

/** Sets the out point; an in point after it moves to it. */
export function withOut(trim: TrimRange | undefined, frame: number): TrimRange {
  const inFrame = trim?.inFrame ?? 0;
  return { inFrame: Math.min(frame, inFrame), outFrame: frame };
}

/**
 * The frames of `frames` the trimmed output holds, numbered as in the output (the in frame becomes 0): what
 * a check of the exported file compares against. All of them without a trim.
 */
export function framesInTrim<T extends { frameIndex: number }>(
  frames: readonly T[],
  trim: TrimRange | undefined,
): T[] {
  const range = effectiveTrim(trim, frames.length);
  if (!range) return [...frames];
  return frames
    .slice(range.inFrame, range.outFrame + 1)
    .map((f) => ({ ...f, frameIndex: f.frameIndex - range.inFrame }));
}

export type TrimWindow = {
  /** The conversion's trim window in the source's seconds. */
  startSec: number;
  endSec: number | undefined;
  /** The in frame's timestamp: every kept frame's output time is its own timestamp less this. */
  baseUs: number;
  /** False for the whole video: every frame keeps its own timestamp. */
  trimmed: boolean;
  inFrame: number;
  outFrame: number;
};

/**
 * The conversion window for `trim` over the analysed frames' timestamps. `wholeEndSec` is where an untrimmed
 * export stops (undefined = the end). Without a trim the window is the whole video at its own timestamps.
 */
export function trimWindow(
  frames: readonly { timestampUs: number }[],
  trim: TrimRange | undefined,
  wholeEndSec: number | undefined,
): TrimWindow {
  const range = effectiveTrim(trim, frames.length);
  const last = frames.length - 1;
  if (!range) {
    return {
      startSec: 0,
      endSec: wholeEndSec,
      baseUs: 0,
      trimmed: false,
      inFrame: 0,
      outFrame: last,
    };
  }
  const baseUs = frames[range.inFrame]!.timestampUs;
  // The out frame lasts until the next one starts (the last frame: to where the whole export ends).
  const nextUs = frames[range.outFrame + 1]?.timestampUs;
  const endSec = nextUs === undefined ? wholeEndSec : usToSeconds(nextUs);
  const startSec = usToSeconds(baseUs + WINDOW_NUDGE_US);
  return { startSec, endSec, baseUs, trimmed: true, ...range };
}

/**
 * Keeps or drops one decoded frame (its index in the analysed frames, when known) and says where it goes.
 * Frames outside the trim are dropped, and so is a frame whose index was already written (a frame the
 * conversion clamped onto the in point). Returns the output timestamp (µs) or null to drop. Without a trim
 * every frame is kept where it is.
 */
export class TrimSelector {
  private lastIndex = -1;
  private readonly window: TrimWindow;
  private readonly frames: readonly { timestampUs: number }[];

  constructor(window: TrimWindow, frames: readonly { timestampUs: number }[]) {
    this.window = window;
    this.frames = frames;
  }

  /** The number of frames the output will hold (the source's listed count without a trim). */
  planned(listedFrames: number): number {
    const { trimmed, inFrame, outFrame } = this.window;
    return trimmed ? outFrame - inFrame + 1 : listedFrames;
  }

  /** `sourceUs`: the frame's time in the source (the conversion's time plus the window's start). */
  place(index: number | undefined, sourceUs: number): number | null {
    const { inFrame, outFrame, baseUs, trimmed } = this.window;
    if (!trimmed) return sourceUs;
    if (index === undefined) {
      const endUs = this.frames[outFrame]?.timestampUs ?? Infinity;
      return sourceUs < baseUs || sourceUs > endUs ? null : sourceUs - baseUs;
    }
    if (index < inFrame || index > outFrame || index <= this.lastIndex) return null;
    this.lastIndex = index;
    return this.frames[index]!.timestampUs - baseUs;
  }
}
