/**
 * The text worker: owns the text/plate detector (its own ORT session, one inference thread). It runs beside
 * the face model in the detect worker, on the other core, so a frame's text pass no longer holds up the face
 * passes of the frames after it (docs/PERFORMANCE.md). Started by the detect worker, which it dies with.
 */
import * as Comlink from 'comlink';
import { VideoSample, type Rotation } from 'mediabunny';
import { isDeviceLost, type BackendPreference } from '../detect/session.ts';
import { TextDetector } from '../detect/text-detector.ts';
import type { Detection } from '../regions/types.ts';
import { workerClock, type StageTotals } from '../lib/stage-clock.ts';
import { serialQueue } from './serial-queue.ts';

export type TextWorkerOptions = { baseUrl: string; backend: BackendPreference };

let options: TextWorkerOptions | undefined;
let detector: Promise<TextDetector> | undefined;
const serially = serialQueue();

function textDetector(): Promise<TextDetector> {
  if (!options) throw new Error('Text detector not initialised');
  if (!detector) {
    const pending = TextDetector.create(options);
    pending.catch(() => {
      if (detector === pending) detector = undefined;
    });
    detector = pending;
  }
  return detector;
}

/** Detects on `sample`; a lost GPU device reopens the model on WASM and detects again. */
async function detectFallingBack(sample: VideoSample): Promise<Detection[]> {
  try {
    return await (await textDetector()).detect(sample);
  } catch (error) {
    if (!isDeviceLost(error) || !options) throw error;
    console.warn('Garim: the GPU device was lost; text detection goes on with WASM', error);
    options = { ...options, backend: 'wasm' };
    detector = undefined;
    return (await textDetector()).detect(sample);
  }
}

const api = {
  /** Sets the backend and model location; the model itself loads on `prepare` or the first frame. */
  init(next: TextWorkerOptions): void {
    if (options?.baseUrl === next.baseUrl && options.backend === next.backend) return;
    options = next;
    detector = undefined;
  },

  async prepare(): Promise<void> {
    await textDetector();
  },

  /** Detects text in a frame (shown rotated by `rotation`° clockwise) and closes it. */
  detectFrame(frame: VideoFrame, rotation: Rotation): Promise<Detection[]> {
    return serially(async () => {
      const sample = new VideoSample(frame, { rotation });
      try {
        return await detectFallingBack(sample);
      } finally {
        sample.close();
        frame.close();
      }
    });
  },

  profile(): StageTotals {
    return workerClock.snapshot();
  },

  resetProfile(): void {
    workerClock.reset();
  },
};

export type TextWorkerApi = typeof api;
Comlink.expose(api);
