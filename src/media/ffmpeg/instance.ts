/**
 * One ffmpeg.wasm instance for the media worker, loaded on first use and kept while files keep coming: its
 * start-up (fetching and compiling the core) takes about a second here, which a batch of files to convert
 * or repair would pay for each. It is ended after `IDLE_MS` without use, since its memory (the largest
 * file it held) is not given back while it lives, and at once when a conversion is cancelled.
 */
import { FFmpeg } from '@ffmpeg/ffmpeg';

export const IDLE_MS = 20_000;

type Kept = { ffmpeg: FFmpeg; loaded: Promise<boolean>; baseUrl: string };

let kept: Kept | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function load(baseUrl: string): Kept {
  const ffmpeg = new FFmpeg();
  const loaded = ffmpeg.load({
    coreURL: new URL('ffmpeg/ffmpeg-core.js', baseUrl).href,
    wasmURL: new URL('ffmpeg/ffmpeg-core.wasm', baseUrl).href,
  });
  return { ffmpeg, loaded, baseUrl };
}

/** Ends the instance (a cancel, an error, or idle time); the next use loads a fresh one. */
export function discardFfmpeg(): void {
  clearTimeout(idleTimer);
  kept?.ffmpeg.terminate();
  kept = undefined;
}

/**
 * Runs `work` with the loaded instance (one at a time: the media worker converts one file at once). A
 * failure or a cancel ends the instance; otherwise it waits `IDLE_MS` for the next file.
 */
export async function withFfmpeg<T>(
  baseUrl: string,
  signal: AbortSignal,
  work: (ffmpeg: FFmpeg) => Promise<T>,
): Promise<T> {
  clearTimeout(idleTimer);
  if (kept?.baseUrl !== baseUrl) {
    discardFfmpeg();
    kept = load(baseUrl);
  }
  const { ffmpeg, loaded } = kept;
  signal.addEventListener('abort', discardFfmpeg, { once: true });
  try {
    await loaded;
    const result = await work(ffmpeg);
    idleTimer = setTimeout(discardFfmpeg, IDLE_MS);
    return result;
  } catch (error) {
    discardFfmpeg();
    throw error;
  } finally {
    signal.removeEventListener('abort', discardFfmpeg);
  }
}
