/**
 * Exporting a video whose decoder fails part-way (issue 9). Export decodes the source again, and the
 * browser's decoder stops at the same damaged packet it stopped at in analysis. So when export meets a
 * decoder failure, a decode-only pass finds every frame that cannot be decoded (the same recovery as
 * analysis: on to the next key frame), and export runs again on a copy of the source without those frames'
 * packets. Those frames are left out of the output (analysis recorded them as failed, so they were never
 * shown to anyone uncovered); every other frame is covered as reviewed.
 */
import {
  ALL_FORMATS,
  BufferSource,
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  Mp4OutputFormat,
  Output,
  type InputAudioTrack,
  type InputVideoTrack,
} from 'mediabunny';
import { assertNotAborted } from '../lib/abort.ts';
import { isAbortError } from '../lib/errors.ts';
import { decodeRecovering } from './decode-recovery.ts';
import { DamagedVideoError } from './errors.ts';
import type { OpenedSource } from './source.ts';
import { isStall, PassLiveness, stallLimitMs, type StarvedProbe } from './stall.ts';
import { decodersStarved } from './decoder-canary.ts';
import { secondsToUs } from './time.ts';

/** What a pass tells its caller: its waits on held-up decoders, and its heartbeat. */
export type PassTold = Pick<StarvedProbe, 'onStarved' | 'onAlive'>;

/** Timestamps (µs) of the frames this browser's decoder cannot give, found by decoding the whole track. */
export async function undecodableFrames(
  source: OpenedSource,
  signal: AbortSignal,
  told: PassTold = {},
): Promise<Set<number>> {
  const lost = new Set<number>();
  const { width, height } = source.info;
  const liveness = new PassLiveness('Decoding', stallLimitMs(width, height), {
    starved: decodersStarved,
    ...told,
  });
  const decoded = decodeRecovering(source.video, { liveness, mapError: asDamage(signal) });
  for await (const event of decoded) {
    if ('sample' in event) event.sample.close();
    else for (const timestampUs of event.lostUs) lost.add(timestampUs);
    assertNotAborted(signal);
  }
  return lost;
}

/** A decoder's failure as damage to get past; a cancel or a stall ends the pass as it is. */
function asDamage(signal: AbortSignal) {
  return (error: unknown): unknown => {
    if (signal.aborted || isAbortError(error) || isStall(error)) return error;
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return new DamagedVideoError(`Decoding failed: ${name}: ${message}`);
  };
}

async function copyVideo(track: InputVideoTrack, lostUs: ReadonlySet<number>, out: Output) {
  const codec = track.codec;
  const decoderConfig = await track.getDecoderConfig();
  if (!codec || !decoderConfig) throw new DamagedVideoError('The video track cannot be copied');
  const target = new EncodedVideoPacketSource(codec);
  out.addVideoTrack(target, { rotation: track.rotation });
  return async () => {
    let first = true;
    for await (const packet of new EncodedPacketSink(track).packets()) {
      if (lostUs.has(secondsToUs(packet.timestamp))) continue;
      await target.add(packet, first ? { decoderConfig } : undefined);
      first = false;
    }
  };
}

async function copyAudio(track: InputAudioTrack | null, out: Output) {
  const codec = track?.codec;
  const decoderConfig = await track?.getDecoderConfig();
  if (!track || !codec || !decoderConfig) return () => Promise.resolve();
  const target = new EncodedAudioPacketSource(codec);
  out.addAudioTrack(target);
  return async () => {
    let first = true;
    for await (const packet of new EncodedPacketSink(track).packets()) {
      await target.add(packet, first ? { decoderConfig } : undefined);
      first = false;
    }
  };
}

/**
 * The source with the packets of `lostUs` frames left out (every packet copied as it is, nothing decoded),
 * opened like the source. Held in memory: only damaged files take this path.
 */
export async function withoutFrames(
  source: OpenedSource,
  lostUs: ReadonlySet<number>,
): Promise<OpenedSource> {
  const target = new BufferTarget();
  const out = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target });
  const video = await copyVideo(source.video, lostUs, out);
  const audio = await copyAudio(await source.input.getPrimaryAudioTrack(), out);
  await out.start();
  await video();
  await audio();
  await out.finalize();
  if (!target.buffer) throw new DamagedVideoError('Nothing of the video could be copied');
  const input = new Input({ source: new BufferSource(target.buffer), formats: ALL_FORMATS });
  const copied = await input.getPrimaryVideoTrack();
  if (!copied) throw new DamagedVideoError('The copied video has no video track');
  return { ...source, input, video: copied };
}

/** Errors a damaged source can stop export with: named damage, or a WebCodecs failure (decode or flush). */
function mayBeDamage(error: unknown): boolean {
  return error instanceof Error && ['DamagedVideoError', 'EncodingError'].includes(error.name);
}

/**
 * Runs `exportFrom(source)`; when it stops on what may be damage, looks for frames that cannot be decoded
 * and, if there are any, runs it once more on the source without them. Other errors, a cancel, or a failure
 * that leaves no frame undecodable on a second look are passed on.
 */
export async function exportSalvaging<T>(
  source: OpenedSource,
  signal: AbortSignal,
  exportFrom: (from: OpenedSource) => Promise<T>,
  told: PassTold = {},
): Promise<T> {
  try {
    // A fresh export has a fresh decoder and encoder, as analysis retries a stalled decoder once.
    return await new PassLiveness('Export').retryOnce(() => exportFrom(source), signal);
  } catch (error) {
    if (signal.aborted || !mayBeDamage(error)) throw error;
    const lost = await undecodableFrames(source, signal, told);
    if (lost.size === 0) throw error;
    console.warn(`Garim: exporting without ${lost.size} frames that cannot be decoded`, error);
    const copy = await withoutFrames(source, lost);
    try {
      return await exportFrom(copy);
    } catch (again) {
      if (signal.aborted || !mayBeDamage(again)) throw again;
      const { name, message } = again as Error;
      throw new DamagedVideoError(
        `Export failed without the damaged frames too: ${name}: ${message}`,
      );
    } finally {
      copy.input.dispose();
    }
  }
}
