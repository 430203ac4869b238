/**
 * Getting past a decoder that fails part-way (issue 9, "no silent gaps"). A WebCodecs decoder that hits
 * damaged data closes itself; the frames after the damage up to the next key frame cannot be decoded
 * without it. Analysis records those frames as failed (export covers them whole) and decodes again from the
 * next key frame, so one damaged packet costs a group of pictures, not the whole video.
 */
import {
  EncodedPacketSink,
  VideoSampleSink,
  type InputVideoTrack,
  type VideoSample,
} from 'mediabunny';
import type { PassLiveness } from './stall.ts';
import { secondsToUs, usToSeconds } from './time.ts';

/** Where decoding goes on after a failure: frames to record as failed, and the key frame to restart at. */
export type Recovery = {
  /** Presentation timestamps (µs, ascending) of the frames lost to the failure. */
  lostUs: number[];
  /** The next key frame's timestamp (µs), or undefined when no key frame follows (the rest is lost). */
  restartUs: number | undefined;
};

/**
 * The frames between the last recorded one (`afterUs`, exclusive; undefined = none yet) and the next key
 * frame (`restartUs`, exclusive; undefined = to the end), in presentation order.
 */
export function lostFrames(
  packetTimestampsUs: readonly number[],
  afterUs: number | undefined,
  restartUs: number | undefined,
): number[] {
  return packetTimestampsUs
    .filter(
      (t) => (afterUs === undefined || t > afterUs) && (restartUs === undefined || t < restartUs),
    )
    .sort((a, b) => a - b);
}

/**
 * After a decoder failure: the key frame to restart at (the one after the group of pictures that holds the
 * failure) and the frames lost until then. `afterUs` is the last frame recorded; `segmentUs` the key frame
 * the failed decoder started at (undefined for the first), so a key frame that fails itself is skipped.
 */
export async function recoverFromDecodeFailure(
  track: InputVideoTrack,
  afterUs: number | undefined,
  segmentUs: number | undefined,
): Promise<Recovery> {
  const sink = new EncodedPacketSink(track);
  const fromUs = Math.max(afterUs ?? -Infinity, segmentUs ?? -Infinity);
  // + 1 µs: timestamps are rounded to whole µs here, and the key frame at `fromUs` must not be missed.
  const failedKey = Number.isFinite(fromUs)
    ? await sink.getKeyPacket(usToSeconds(fromUs + 1), { metadataOnly: true })
    : await sink.getFirstKeyPacket({ metadataOnly: true });
  const nextKey = failedKey && (await sink.getNextKeyPacket(failedKey, { metadataOnly: true }));
  const restartUs = nextKey ? secondsToUs(nextKey.timestamp) : undefined;
  const timestamps: number[] = [];
  const first = failedKey ?? (await sink.getFirstPacket({ metadataOnly: true }));
  if (first) {
    for await (const packet of sink.packets(first, nextKey ?? undefined, { metadataOnly: true })) {
      timestamps.push(secondsToUs(packet.timestamp));
    }
  }
  return { lostUs: lostFrames(timestamps, afterUs, restartUs), restartUs };
}

/** The presentation timestamps (µs, ascending) of every packet of `track`, read from the index. */
export async function packetTimestampsUs(track: InputVideoTrack): Promise<number[]> {
  const sink = new EncodedPacketSink(track);
  const first = await sink.getFirstPacket({ metadataOnly: true });
  const times: number[] = [];
  if (!first) return times;
  for await (const packet of sink.packets(first, undefined, { metadataOnly: true })) {
    times.push(secondsToUs(packet.timestamp));
  }
  return times.sort((a, b) => a - b);
}

/** The later of two timestamps, either of which may be missing. */
export function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

/** What decoding a track gives, in order: a frame, or the frames lost to damage before decoding goes on. */
export type Decoded = { sample: VideoSample } | { lostUs: number[]; error: unknown };

export type DecodeOptions = {
  /** Each pass's stall limits, retry-once and waits on held-up decoders. */
  liveness: PassLiveness;
  /** Frames at or before this timestamp (µs) are skipped: already recorded (a resume). */
  afterUs?: number;
  /**
   * Names a decoder failure: one named `DamagedVideoError` is got past (its frames are given as lost and
   * decoding goes on at the next key frame); anything else ends the decoding.
   */
  mapError: (error: unknown) => unknown;
  /** False: damage ends the decoding too (the self-check gets no further than the first failure). */
  recover?: boolean;
  /** Wraps each fresh decoder's samples (the test hooks); `isOld` tells the samples that are skipped. */
  wrap?: (
    samples: AsyncIterable<VideoSample>,
    isOld: (sample: VideoSample) => boolean,
  ) => AsyncIterable<VideoSample>;
};

function isDamage(error: unknown): error is Error {
  return error instanceof Error && error.name === 'DamagedVideoError';
}

/**
 * The one decode-recovering iterator (analysis and salvage's decode-only pass): every frame of `track`
 * after `afterUs`, in order, under the pass's liveness guard. When the decoder fails on damage, the frames
 * from the last one given up to the next key frame are given as lost (`recoverFromDecodeFailure`) and a
 * fresh decoder goes on from that key frame; a key frame that keeps failing ends it with the failure.
 * Samples are the consumer's to close.
 */
export async function* decodeRecovering(
  track: InputVideoTrack,
  {
    liveness,
    afterUs: resumeUs,
    mapError,
    recover = true,
    wrap = (samples) => samples,
  }: DecodeOptions,
): AsyncGenerator<Decoded> {
  /** The last frame given or lost: a fresh decoder goes on after it. */
  let afterUs = resumeUs;
  /** The key frame the current decoder started at (undefined: the start, or the resume point). */
  let segmentUs: number | undefined;
  const isOld = (sample: VideoSample): boolean =>
    afterUs !== undefined && secondsToUs(sample.timestamp) <= afterUs;
  const open = (): AsyncIterable<VideoSample> => {
    const fromUs = latest(segmentUs, afterUs);
    // + 1 µs: timestamps are whole µs here, so the start must not fall just before the key frame it names.
    const start = fromUs === undefined ? undefined : usToSeconds(fromUs + 1);
    return wrap(new VideoSampleSink(track).samples(start), isOld);
  };
  for (;;) {
    // A restart after damage follows frames this decoder path already gave: its first frame gets the
    // ordinary limit, not the start-up one (a restart past the end of a cut file waited 30 s).
    const firstMs = segmentUs === undefined ? undefined : liveness.ms;
    try {
      for await (const sample of liveness.values(open, { firstMs, mapError })) {
        if (isOld(sample)) {
          sample.close();
          continue;
        }
        afterUs = secondsToUs(sample.timestamp);
        yield { sample };
      }
      return;
    } catch (error) {
      if (!recover || !isDamage(error)) throw error;
      const recovery = await recoverFromDecodeFailure(track, afterUs, segmentUs);
      yield { lostUs: recovery.lostUs, error };
      afterUs = recovery.lostUs[recovery.lostUs.length - 1] ?? afterUs;
      if (recovery.restartUs === undefined) return;
      // Each restart must move on, or a key frame that keeps failing would be decoded for ever.
      if (segmentUs !== undefined && recovery.restartUs <= segmentUs) throw error;
      segmentUs = recovery.restartUs;
    }
  }
}

/** What a decoder failure injected by the test hook looks like (a WebCodecs decode error's name). */
export class InjectedDecodeError extends Error {
  constructor(frameIndex: number) {
    super(`Injected decoder fault at frame ${frameIndex}`);
    this.name = 'EncodingError';
  }
}

/**
 * `samples`, with `before(index, sample)` awaited ahead of each frame that gets an index (counted from
 * `firstIndex`, past the samples `isSkipped` leaves out): where the test hooks below act.
 */
export async function* beforeEachFrame(
  samples: AsyncIterable<VideoSample>,
  firstIndex: number,
  isSkipped: (sample: VideoSample) => boolean,
  before: (index: number, sample: VideoSample) => Promise<void> | void,
): AsyncGenerator<VideoSample> {
  let index = firstIndex;
  for await (const sample of samples) {
    if (!isSkipped(sample)) await before(index++, sample);
    yield sample;
  }
}

/**
 * TEST HOOK (e2e only, set through `window.__garim.injectFault('decode-throws', …)`): the decoder's output
 * throws, as a WebCodecs decode error does, when it reaches one of `faults` (video frame indices, counted
 * from `firstIndex`). Each fault fires once and is then removed, as a passing decoder fault would be.
 */
export function withDecodeFaults(
  samples: AsyncIterable<VideoSample>,
  faults: Set<number>,
  firstIndex: number,
  isSkipped: (sample: VideoSample) => boolean,
): AsyncGenerator<VideoSample> {
  return beforeEachFrame(samples, firstIndex, isSkipped, (index, sample) => {
    if (!faults.delete(index)) return;
    sample.close();
    throw new InjectedDecodeError(index);
  });
}
