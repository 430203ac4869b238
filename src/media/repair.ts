/**
 * Damaged recordings (issue 20). A WebCodecs decoder that meets a damaged packet closes, and nothing after
 * it decodes until the next key frame, which on phone and dashcam video is often seconds away (or never).
 * ffmpeg's decoder conceals the damage instead and goes on. So when analysis meets damage in a file the
 * browser reads itself, the file is read through a repaired copy (`repairArgs`: the picture decoded with
 * concealment and encoded again, timestamps kept; the sound encoded again from what decodes), if that copy
 * holds more frames than the browser can decode from the original. A file whose picture decodes but whose
 * sound does not gets its sound encoded again (the picture copied).
 */
import { AudioSampleSink } from 'mediabunny';
import { packetTimestampsUs } from './decode-recovery.ts';
import { assertNotAborted } from '../lib/abort.ts';
import { isAbortError } from '../lib/errors.ts';
import { FFMPEG_MAX_BYTES, openSource, type OpenedSource } from './source.ts';
import { undecodableFrames, type PassTold } from './salvage.ts';
import type { OutputCounts, RepairKind, RepairReport } from './types.ts';

/** Sources whose repair was tried and kept nothing more: they are not repaired again. */
const keptAsIs = new WeakSet<OpenedSource>();

/**
 * Whether a file read by the browser itself could be repaired (ffmpeg.wasm holds it all in memory), and
 * was not found beyond repair already.
 */
export function canRepair(source: OpenedSource): boolean {
  const { engine, repair } = source.info;
  if (engine !== 'webcodecs' || repair || keptAsIs.has(source)) return false;
  return source.blob.size <= FFMPEG_MAX_BYTES;
}

/**
 * The timestamps of `wanted` (ascending) that have one in `have` (ascending) within `toleranceUs`, each
 * used once: the same frame in two files may be placed a few µs apart (rounding of time bases).
 */
export function matched(
  wanted: readonly number[],
  have: readonly number[],
  toleranceUs: number,
): number[] {
  const found: number[] = [];
  let j = 0;
  for (const t of wanted) {
    while (j < have.length && have[j]! < t - toleranceUs) j++;
    if (j < have.length && Math.abs(have[j]! - t) <= toleranceUs) {
      found.push(t);
      j++;
    }
  }
  return found;
}

/** A quarter of a frame at `fps` (at most 5 ms): two timestamps this close are the same frame. */
export function frameToleranceUs(fps: number): number {
  return Math.min(5_000, fps > 0 ? 250_000 / fps : 5_000);
}

/**
 * What a repair kept, from the original's frames (`listedUs`), the ones the browser cannot decode
 * (`lostUs`) and the repaired copy's (`repairedUs`), all ascending.
 */
export function repairReport(
  kind: RepairKind,
  listedUs: readonly number[],
  lostUs: readonly number[],
  repairedUs: readonly number[],
  toleranceUs: number,
): RepairReport {
  return {
    kind,
    listed: listedUs.length,
    concealed: matched(lostUs, repairedUs, toleranceUs).length,
    lost: listedUs.length - matched(listedUs, repairedUs, toleranceUs).length,
  };
}

/** Whether the sound of `source` has packets the browser cannot decode (false without sound). */
export async function soundDamaged(source: OpenedSource, signal: AbortSignal): Promise<boolean> {
  const track = await source.input.getPrimaryAudioTrack();
  if (!track || !(await track.canDecode())) return false;
  try {
    for await (const sample of new AudioSampleSink(track).samples()) {
      sample.close();
      assertNotAborted(signal);
    }
    return false;
  } catch (error) {
    if (signal.aborted || isAbortError(error)) throw error;
    console.warn('Garim: the sound does not decode', error);
    return true;
  }
}

type RepairContext = {
  baseUrl: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
} & PassTold;

/**
 * `source` read through a repaired copy, with `info.repair` saying what it kept; undefined when a 'full'
 * repair would keep no more frames than the browser decodes from the original (the key-frame recovery
 * of analysis and export then does as before). The original is left open either way.
 */
export async function repairedSource(
  source: OpenedSource,
  kind: RepairKind,
  { baseUrl, signal, onProgress, onStarved, onAlive }: RepairContext,
): Promise<OpenedSource | undefined> {
  const listedUs = await packetTimestampsUs(source.video);
  const lostUs =
    kind === 'full'
      ? [...(await undecodableFrames(source, signal, { onStarved, onAlive }))].sort((a, b) => a - b)
      : [];
  const repaired = await openSource(source.blob, baseUrl, signal, onProgress, kind);
  const repairedUs = await packetTimestampsUs(repaired.video);
  const tolerance = frameToleranceUs(source.info.averageFps);
  const report = repairReport(kind, listedUs, lostUs, repairedUs, tolerance);
  if (kind === 'full' && repairedUs.length <= listedUs.length - lostUs.length) {
    console.warn(
      `Garim: the repaired copy holds ${repairedUs.length} frames, the browser decodes ${listedUs.length - lostUs.length}: kept the original`,
    );
    repaired.input.dispose();
    keptAsIs.add(source);
    return undefined;
  }
  console.warn(
    `Garim: damaged file repaired (${kind}): ${report.concealed} frames concealed, ${report.lost} of ${report.listed} lost`,
  );
  const concealedUs = new Set(matched(repairedUs, lostUs, tolerance));
  return asRepaired(source, repaired, report, { listedUs, concealedUs });
}

/** The repaired copy `repaired` of `original`, described as the file the person chose, with `report`. */
function asRepaired(
  original: OpenedSource,
  repaired: OpenedSource,
  report: RepairReport,
  originalFrames: NonNullable<OpenedSource['original']>,
): OpenedSource {
  const info = {
    ...repaired.info,
    // What the person chose; the copy's own stream facts (frames, timing) are the copy's.
    fileName: original.info.fileName,
    fileBytes: original.info.fileBytes,
    container: original.info.container,
    videoBitrate: original.info.videoBitrate,
    repair: report,
  };
  const { metadata, blob } = original;
  return { ...repaired, blob, info, metadata, original: originalFrames };
}

/** A project's damaged file opened again the way it was repaired when it was analysed (`report`). */
export async function reopenRepaired(
  original: OpenedSource,
  report: RepairReport,
  { baseUrl, signal, onProgress }: RepairContext,
): Promise<OpenedSource> {
  const repaired = await openSource(original.blob, baseUrl, signal, onProgress, report.kind);
  return asRepaired(original, repaired, report, {
    listedUs: await packetTimestampsUs(original.video),
  });
}

/**
 * What an export of `source` holds, from the source timestamps (µs) of the frames it wrote and of the
 * frames analysis recorded (`recordedUs`: every frame of the file, those lost to damage included): the
 * file's frames inside the output's span that are not among the written ones are `filled` (the picture
 * before them is held over their time); frames only concealment gave are `concealed` (counted from the
 * repair's report when this worker did not make the repair itself). A repaired copy lacks the frames no
 * decoder gave, so its original's list counts (`source.original`).
 */
export function outputCounts(
  source: OpenedSource,
  writtenUs: readonly number[],
  recordedUs: readonly number[],
): OutputCounts {
  const written = [...writtenUs].sort((a, b) => a - b);
  const first = written[0];
  const last = written[written.length - 1];
  if (first === undefined || last === undefined) {
    return { frames: 0, decoded: 0, concealed: 0, filled: 0 };
  }
  const tolerance = frameToleranceUs(source.info.averageFps);
  const listedUs = source.original?.listedUs ?? [...recordedUs].sort((a, b) => a - b);
  const inSpan = listedUs.filter((t) => t >= first - tolerance && t <= last + tolerance);
  const concealedUs = source.original?.concealedUs;
  const concealed = concealedUs
    ? written.filter((t) => concealedUs.has(t)).length
    : Math.min(written.length, source.info.repair?.concealed ?? 0);
  return {
    frames: written.length,
    decoded: written.length - concealed,
    concealed,
    filled: inSpan.length - matched(inSpan, written, tolerance).length,
  };
}
