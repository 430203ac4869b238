/** Shared data for store/ tests (kept out of *.test.ts so several test files can use it). */
import type { MediaInfo } from '../media/types.ts';
import { videoBox } from '../regions/geometry.ts';
import type { Detection } from '../regions/types.ts';
import { openGarimDb, type GarimDb, type OpenOptions } from './db.ts';
import type { FrameInput } from './frames.ts';
import type { ProjectSettings } from './records.ts';

export const sampleMedia: MediaInfo = {
  fileName: 'clip.mp4',
  fileBytes: 4096,
  engine: 'webcodecs',
  container: 'mp4',
  videoCodec: 'avc1.42c01e',
  audioCodec: null,
  width: 320,
  height: 240,
  rotation: 0,
  durationSec: 4,
  frameCount: 120,
  averageFps: 30,
  videoBitrate: 500_000,
};

export const sampleSettings: ProjectSettings = {
  mode: 'balanced',
  plates: false,
  redaction: { padding: 1.3, cellsAcross: 8 },
};

/** A deterministic "video": `bytes` bytes of a repeating pattern seeded by `seed`. */
export function videoFile(bytes = 4096, name = 'clip.mp4', seed = 7): File {
  const data = new Uint8Array(bytes).map((_, i) => (i * 31 + seed) & 0xff);
  return new File([data], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 });
}

export function face(x: number, score = 0.9): Detection {
  return { box: videoBox(x, 10, 20, 24), score, class: 'face' };
}

/** Frame `i` at 30 fps with one face, and a preview of `previewBytes` bytes (0 = none). */
export function frameAt(i: number, previewBytes = 10): FrameInput {
  const frame: FrameInput = {
    frameIndex: i,
    timestampUs: Math.round((i * 1e6) / 30),
    detections: [face(i)],
  };
  if (previewBytes > 0) {
    frame.preview = new Blob([new Uint8Array(previewBytes)], { type: 'image/jpeg' });
  }
  return frame;
}

let counter = 0;

/** A database of its own for one test (fake-indexeddb keeps all of them in memory). */
export function freshDb(options: Omit<OpenOptions, 'name'> = {}): Promise<GarimDb> {
  counter += 1;
  return openGarimDb({ ...options, name: uniqueName() });
}

export function uniqueName(): string {
  counter += 1;
  return `garim-test-${counter}-${Math.random().toString(36).slice(2)}`;
}
