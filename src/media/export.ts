/**
 * The export pass: decode the source again, cover every region with the shared mosaic, encode H.264, and mux
 * into MP4 with the original audio (copied when the container allows). Per-frame timestamps pass through.
 * Descriptive metadata (location, device, dates) is not copied.
 */
import {
  BufferTarget,
  Conversion,
  StreamTarget,
  type Target,
  type CropRectangle,
  type IsobmffOutputFormatOptions,
  Mp4OutputFormat,
  type OutputFormat,
  WebMOutputFormat,
  Output,
  Quality,
  VideoSample,
} from 'mediabunny';
import { abortError } from '../lib/abort.ts';
import { workerClock } from '../lib/stage-clock.ts';
import { unrotateBox, type Rect } from '../regions/geometry.ts';
import type { CoveredFrame, RedactionSettings } from '../regions/types.ts';
import { redactVideoFrame } from '../redact/frame.ts';
import { DamagedVideoError, EncodeError } from './errors.ts';
import { technicalTags } from './metadata.ts';
import { clearMp4Dates } from './mp4-dates.ts';
import {
  DEFAULT_OUTPUT,
  FORMAT_CODEC,
  QUALITY_FACTOR,
  type OutputFormatId,
  type OutputOptions,
} from './output-options.ts';
import { createOutputFile, type Patch } from './output-file.ts';
import { makePreview, PreviewThrottle } from './preview.ts';
import { RateMeter } from './rate.ts';
import { isStall, PassLiveness, stallLimitMs } from './stall.ts';
import { decodersStarved } from './decoder-canary.ts';
import type { OpenedSource } from './source.ts';
import { FrameIndexByTimestamp, secondsToUs, usToSeconds } from './time.ts';
import { TrimSelector, trimWindow } from './trim.ts';
import type { OutputCounts, PassReport, StageProgress } from './types.ts';
import { outputCounts } from './repair.ts';

export type ExportResult = {
  blob: Blob;
  frames: number;
  /** What the output holds: frames decoded intact, concealed, and the input's frames it could not show. */
  counts: OutputCounts;
  uncoveredFallbacks: number;
  /** The file name extension of `blob` (mp4, webm). */
  extension: string;
};

/**
 * Where the output goes and how it is finished. `finish` returns the finished video; `discard` drops what
 * was written (export failed or stopped).
 */
type OutputSink = {
  target: Target;
  container: OutputFormat;
  finish(): Promise<Blob>;
  discard(): Promise<void>;
};

/**
 * The container of `format`, its moov at `fastStart` (MP4). Kept technical tags go in an MP4's mdta `keys`
 * box, which holds any key (com.apple.quicktime.*), as the source did.
 */
function outputFormat(
  format: OutputFormatId,
  mp4: Pick<IsobmffOutputFormatOptions, 'fastStart' | 'onMoov'>,
): OutputFormat {
  if (format === 'webm-vp9') return new WebMOutputFormat();
  return new Mp4OutputFormat({ ...mp4, metadataFormat: 'mdta' });
}

/**
 * The whole output in memory (the fallback where OPFS is missing), with the MP4 header at the front. The
 * MP4 muxer stamps the export time in; the WebM muxer writes no date.
 */
function memorySink(format: OutputFormatId): OutputSink {
  const target = new BufferTarget();
  const container = outputFormat(format, { fastStart: 'in-memory' });
  return {
    target,
    container,
    finish() {
      if (!target.buffer) throw new EncodeError('The encoder produced no output');
      const bytes = new Uint8Array(target.buffer);
      if (container instanceof Mp4OutputFormat) clearMp4Dates(bytes);
      return Promise.resolve(new Blob([bytes], { type: container.mimeType }));
    },
    discard: () => Promise.resolve(),
  };
}

/**
 * The output streamed to the OPFS file `name` as it is muxed: memory stays bounded whatever the length. An
 * MP4's header goes at the end (a front header needs the whole file first); its export-time stamps are
 * cleared in a copy of the header and written over it once the muxer has finished.
 */
async function fileSink(format: OutputFormatId, name: string): Promise<OutputSink | undefined> {
  const file = await createOutputFile(name);
  if (!file) return undefined;
  const patches: Patch[] = [];
  const onMoov = (data: Uint8Array, position: number): void => {
    const bytes = data.slice();
    clearMp4Dates(bytes);
    patches.push({ position, bytes });
  };
  const container = outputFormat(format, { fastStart: false, onMoov });
  return {
    target: new StreamTarget(file.writable),
    container,
    async finish() {
      const written = await file.finish(patches);
      if (written.size === 0) throw new EncodeError('The encoder produced no output');
      // A slice keeps the file's bytes on disk and gives the Blob its MIME type.
      return written.slice(0, written.size, container.mimeType);
    },
    discard: () => file.discard(),
  };
}

/** The OPFS file sink when `outputName` is given and OPFS works here, else the in-memory one. */
async function outputSink(format: OutputFormatId, outputName?: string): Promise<OutputSink> {
  return (outputName && (await fileSink(format, outputName))) || memorySink(format);
}

/** "Match source": the source's average bitrate, with a floor so tiny sources do not collapse. */
export function targetBitrate(sourceBitrate: number, width: number, height: number): number {
  const floor = width * height * 30 * 0.02;
  const source = Number.isFinite(sourceBitrate) ? sourceBitrate * 1.1 : 0;
  return Math.round(Math.max(source, floor, 500_000));
}

/**
 * H.264 encoders take only even sizes (4:2:0 chroma): an odd-sized picture (dashcams, cropped screen
 * recordings) loses its last column and/or row. Undefined when nothing needs cutting. In shown pixels.
 */
export function evenCrop(width: number, height: number): CropRectangle | undefined {
  if (width % 2 === 0 && height % 2 === 0) return undefined;
  return { left: 0, top: 0, width: width - (width % 2), height: height - (height % 2) };
}

/**
 * How long frame `index` lasts (µs): until the next frame starts; the last frame lasts as long as the one
 * before it. Demuxers disagree on the last frame of a file with B-frames (decode-order durations), and this
 * keeps the output's end where the input's frame rhythm puts it. Undefined for a one-frame video.
 */
export function frameDurationUs(
  frames: readonly { timestampUs: number }[],
  index: number,
): number | undefined {
  const here = frames[index]?.timestampUs;
  const next = frames[index + 1]?.timestampUs;
  const previous = frames[index - 1]?.timestampUs;
  if (here === undefined) return undefined;
  if (next !== undefined) return next - here;
  return previous === undefined ? undefined : here - previous;
}

/**
 * Boxes to cover on a frame. A frame analysis never saw, or one whose analysis failed, is covered whole:
 * never export it uncovered.
 */
export function boxesFor(covered: CoveredFrame | undefined, w: number, h: number): Rect[] {
  return covered && !covered.failed ? covered.boxes : [{ x: 0, y: 0, w, h }];
}

/**
 * Where export stops (seconds), or undefined for the whole video. When the decoder gave analysis fewer
 * frames than the container lists (a file cut short), export ends just after the last analysed frame: the
 * missing part cannot be decoded, and reading towards it can leave the decoder waiting for ever.
 */
export function exportEnd(
  frames: readonly { timestampUs: number }[],
  listedFrames: number,
  averageFps: number,
): number | undefined {
  const last = frames[frames.length - 1];
  if (!last || frames.length >= listedFrames) return undefined;
  const halfFrame = 0.5 / Math.max(1, Number.isFinite(averageFps) ? averageFps : 1);
  return last.timestampUs / 1e6 + halfFrame;
}

/**
 * A decoder error while exporting (WebCodecs reports "Decoding error." as an EncodingError) means the source
 * is damaged there: named `DamagedVideoError` (nothing is written) rather than an unexplained failure.
 */
export function decodeErrorAsDamage(error: unknown): unknown {
  if (!(error instanceof Error) || !/decod/i.test(error.message)) return error;
  if (error.name === 'StalledError' || error.name === 'AbortError') return error;
  return new DamagedVideoError(`Export stopped: ${error.name}: ${error.message}`);
}

export async function exportRedacted(
  source: OpenedSource,
  frames: readonly CoveredFrame[],
  settings: RedactionSettings,
  signal: AbortSignal,
  onProgress: (report: PassReport) => void,
  output: OutputOptions = DEFAULT_OUTPUT,
  outputName?: string,
): Promise<ExportResult> {
  const sink = await outputSink(output.format, outputName);
  try {
    return await exportTo(sink, source, frames, settings, signal, onProgress, output);
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

async function exportTo(
  sink: OutputSink,
  source: OpenedSource,
  frames: readonly CoveredFrame[],
  settings: RedactionSettings,
  signal: AbortSignal,
  onProgress: (report: PassReport) => void,
  output: OutputOptions,
): Promise<ExportResult> {
  const { container } = sink;
  const mediaOutput = new Output({ format: container, target: sink.target });
  const lookup = new FrameIndexByTimestamp(frames.map((f) => f.timestampUs));
  const listed = source.info.frameCount;
  // Trim in/out (src/media/trim.ts): the conversion's window, and which decoded frames are kept where.
  const window = trimWindow(frames, output.trim, exportEnd(frames, listed, source.info.averageFps));
  const selector = new TrimSelector(window, frames);
  const total = selector.planned(listed);
  const rate = new RateMeter();
  const throttle = new PreviewThrottle();
  let done = 0;
  let uncoveredFallbacks = 0;
  /** The source timestamps (µs) of the frames written, for `outputCounts`. */
  const writtenUs: number[] = [];
  const { width, height } = source.info;
  const stall = new PassLiveness('Export', stallLimitMs(width, height), {
    starved: decodersStarved,
    onStarved: (waitingMs) => onProgress({ heartbeat: true, waitingMs }),
  }).timer();

  let returned: number | undefined;
  const process = async (sample: VideoSample): Promise<VideoSample | null> => {
    // Between frames the pass waits for the decoder and the encoder (`npm run bench`'s export profile).
    if (returned !== undefined) workerClock.add('export.between', performance.now() - returned);
    try {
      return await workerClock.time('export.process', () => processFrame(sample));
    } finally {
      returned = performance.now();
    }
  };

  const processFrame = async (sample: VideoSample): Promise<VideoSample | null> => {
    stall.poke();
    const sourceSeconds = sample.timestamp + window.startSec;
    const index = lookup.indexOfSeconds(sourceSeconds);
    const placedUs = selector.place(index, secondsToUs(sourceSeconds));
    if (placedUs === null) return null;
    const frame = sample.toVideoFrame();
    try {
      const covered = index === undefined ? undefined : frames[index];
      if (!covered || covered.failed) uncoveredFallbacks++;
      const { displayWidth: shownW, displayHeight: shownH, rotation } = sample;
      const shown = boxesFor(covered, shownW, shownH);
      const boxes = shown.map((b) => unrotateBox(b, rotation, shownW, shownH));
      const redacted = await workerClock.time('export.cover', () =>
        redactVideoFrame(frame, boxes, settings),
      );
      const result = new VideoSample(redacted ?? frame.clone(), { rotation });
      if (window.trimmed) result.setTimestamp(usToSeconds(placedUs));
      const durationUs = index === undefined ? undefined : frameDurationUs(frames, index);
      if (durationUs !== undefined && durationUs > 0) result.setDuration(usToSeconds(durationUs));
      done++;
      writtenUs.push(secondsToUs(sourceSeconds));
      const progress: StageProgress = { stage: 'export', done, total, rate: rate.perSecond(done) };
      if (throttle.due()) {
        progress.preview = workerClock.time('export.preview', () =>
          makePreview(result, index ?? -1, shown, true),
        );
      }
      onProgress(progress);
      return result;
    } finally {
      frame.close();
    }
  };

  const conversion = await Conversion.init({
    input: source.input,
    output: mediaOutput,
    video: {
      codec: FORMAT_CODEC[output.format],
      forceTranscode: true,
      quality: new Quality({
        bitrate: Math.round(
          targetBitrate(source.info.videoBitrate, source.info.width, source.info.height) *
            QUALITY_FACTOR[output.quality],
        ),
      }),
      process,
      crop: evenCrop(source.info.width, source.info.height),
    },
    // Copied when MP4 can hold the codec, else re-encoded (mediabunny picks an encodable codec).
    audio: output.removeAudio ? { discard: true } : { forceTranscode: false },
    // Untrimmed, the input's timestamps stay as they are (by default Conversion shifts the first frame to
    // 0); trimmed, the sound is cut to the window and the frames are placed by `selector`.
    trim: { start: window.startSec, end: window.endSec },
    tags: output.keepTechnicalTags ? { raw: technicalTags(source.metadata.items) } : {},
    showWarnings: false,
  });
  const videoDropped = conversion.discardedTracks.find((d) => d.track.type === 'video');
  // Sound is never lost silently: unless the person removed it, a sound track that cannot be kept stops export.
  const soundLost = conversion.discardedTracks.find(
    (d) => d.track.type === 'audio' && d.reason !== 'discarded_by_user',
  );
  if (!conversion.isValid || videoDropped || soundLost) {
    const reasons = conversion.discardedTracks
      .map((d) => `${d.track.type}: ${d.reason}`)
      .join(', ');
    throw new EncodeError(`Cannot export: ${reasons}`);
  }
  const cancel = (): void => void conversion.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await stall.race(conversion.execute());
  } catch (error) {
    if (signal.aborted) throw abortError();
    if (isStall(error)) void conversion.cancel();
    throw decodeErrorAsDamage(error);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return {
    blob: await sink.finish(),
    extension: container.fileExtension.replace(/^\./, ''),
    frames: done,
    counts: outputCounts(
      source,
      writtenUs,
      frames.map((f) => f.timestampUs),
    ),
    uncoveredFallbacks,
  };
}
