/**
 * Getting past a decoder that fails part-way (issue 9, "no silent gaps"). A WebCodecs decoder that hits
 * damaged data closes itself; the frames after the damage up to the next key frame cannot be decoded
 * without it. Analysis records those frames as failed (export covers them whole) and decodes again from the
 * next key frame, so one damaged packet costs a group of pictures, not the whole video.
 */
import { EncodedPacketSink, type InputVideoTrack, type VideoSample } from 'mediabunny';
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
