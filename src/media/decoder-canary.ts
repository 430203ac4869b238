/**
 * Tells a decoder that is stuck on the file from a tab whose decoders are not being run at all just now.
 * Chromium runs each WebCodecs decoder's work on the renderer's small shared thread pool; on a device that
 * is short of CPU, that pool can be taken for a minute at a time, and then every decoder of the tab (a
 * fresh one too) stops giving frames with packets queued (docs/ROBUSTNESS.md, "Stalls"). A pause then is
 * no fault of the file, and must not end the analysis or refuse the file.
 */

/** A 32×32 grey H.264 key frame (Annex B: SPS, PPS, IDR; made once with x264, baseline profile). */
const CANARY_FRAME = 'AAAAAWdCwArclsBEAAADAAQAAAMACDxIngAAAAFozg/IAAAAAWWIhDomKAyddeA=';
const CANARY_CODEC = 'avc1.42c00a';
/** How long a fresh decoder gets for that frame: it takes a few ms on an idle device. */
export const CANARY_MS = 3_000;

function canaryBytes(): Uint8Array {
  return Uint8Array.from(atob(CANARY_FRAME), (c) => c.charCodeAt(0));
}

/**
 * Whether a fresh decoder fails to decode a tiny known-good frame within `ms`: true means this tab's
 * decoders are held up (not this file's decoder alone). An error from the decoder means it ran, and a
 * browser that cannot decode the canary at all tells nothing: both false.
 */
export async function decodersStarved(ms = CANARY_MS): Promise<boolean> {
  if (typeof VideoDecoder === 'undefined') return false;
  let decoder: VideoDecoder | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
      try {
        decoder = new VideoDecoder({
          output: (frame) => {
            frame.close();
            resolve(false);
          },
          error: () => resolve(false),
        });
        decoder.configure({ codec: CANARY_CODEC, optimizeForLatency: true });
        decoder.decode(new EncodedVideoChunk({ type: 'key', timestamp: 0, data: canaryBytes() }));
        decoder.flush().catch(() => undefined);
      } catch {
        // No H.264 decoder here at all: the canary tells nothing, so the stall is handled as before.
        resolve(false);
      }
    });
  } finally {
    clearTimeout(timer);
    if (decoder && decoder.state !== 'closed') decoder.close();
  }
}
