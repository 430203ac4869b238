/**
 * The detect worker: owns the detectors (one ORT session each): the active face model and, when asked for,
 * the text/plate model. Calls run one at a time, in arrival order. Exposed on its own port to the main
 * thread, and on a second port to the media worker (`connect`).
 */
import * as Comlink from 'comlink';
import { VideoSample, type Rotation } from 'mediabunny';
import { FaceDetector, type DetectorInfo, type DetectorOptions } from '../detect/detector.ts';
import { passesDue, type DetectRequest } from '../detect/schedule.ts';
import { TextDetector } from '../detect/text-detector.ts';
import type { Detection } from '../regions/types.ts';
import { workerClock, type StageTotals } from '../lib/stage-clock.ts';

let faces: FaceDetector | undefined;
let options: DetectorOptions | undefined;
/** Detectors are created once per model and kept; `init` makes the requested face model active. */
const created = new Map<string, Promise<FaceDetector>>();
let text: Promise<TextDetector> | undefined;
let queue: Promise<unknown> = Promise.resolve();
/** TEST HOOK (e2e only, set through `window.__garim.injectFault`): video frames whose detection throws. */
let faultFrames = new Set<number>();
/**
 * TEST HOOK (e2e only, set through `window.__garim.injectDetections`): when set, a video frame's detections
 * are these (none for a frame not listed) instead of the model's, so editing specs do not depend on it.
 */
let injected: ReadonlyMap<number, Detection[]> | undefined;

function serially<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

function once<T>(make: () => Promise<T>, forget: () => void): Promise<T> {
  const pending = make();
  pending.catch(forget);
  return pending;
}

function textDetector(): Promise<TextDetector> {
  if (!options) throw new Error('Detector not initialised');
  const { baseUrl, backend } = options;
  text ??= once(
    () => TextDetector.create({ baseUrl, backend }),
    () => (text = undefined),
  );
  return text;
}

async function detectSample(sample: VideoSample, request: DetectRequest): Promise<Detection[]> {
  if (!faces) throw new Error('Detector not initialised');
  const due = passesDue(request);
  const found = await faces.detect(sample, due.faceMode, request.weakFaces ?? false);
  if (due.text) found.push(...(await (await textDetector()).detect(sample)));
  return found;
}

/** TEST HOOK (e2e only, `window.__garim.injectFault('gpu-device-lost')`): the next detection loses the GPU. */
let loseDevice = false;
/** How many times detection fell back to WASM after losing its GPU device (read by the e2e test). */
let fallbacks = 0;

/** A WebGPU device that is lost (driver reset, GPU process crash) fails every later inference. */
function isDeviceLost(error: unknown): boolean {
  return error instanceof Error && /device (was |is )?lost|DeviceLost/i.test(error.message);
}

/**
 * Detects on `sample`; when the GPU device is lost, reopens the detectors on WASM and detects again, so the
 * job goes on (slower) instead of stopping or losing frames.
 */
async function detectFallingBack(
  sample: VideoSample,
  request: DetectRequest,
): Promise<Detection[]> {
  try {
    if (loseDevice) {
      loseDevice = false;
      throw new Error('Injected fault: the GPU device was lost');
    }
    return await detectSample(sample, request);
  } catch (error) {
    if (!isDeviceLost(error) || !options) throw error;
    console.warn('Garim: the GPU device was lost; detection goes on with WASM', error);
    options = { ...options, backend: 'wasm' };
    text = undefined;
    faces = await FaceDetector.create(options);
    fallbacks++;
    return detectSample(sample, request);
  }
}

const api = {
  async init(next: DetectorOptions): Promise<DetectorInfo> {
    const key = `${next.model}/${next.backend}`;
    let pending = created.get(key);
    if (!pending) {
      pending = once(
        () => FaceDetector.create(next),
        () => created.delete(key),
      );
      created.set(key, pending);
    }
    faces = await pending;
    options = next;
    return faces.info;
  },

  /** Loads the text model ahead of a job that covers plates, so its cost is not paid on frame 0. */
  async preparePlates(): Promise<void> {
    await textDetector();
  },

  /** Detects on a frame (shown rotated by `rotation`° clockwise) and closes it. */
  detectFrame(frame: VideoFrame, rotation: Rotation, request: DetectRequest): Promise<Detection[]> {
    return serially(async () => {
      const sample = new VideoSample(frame, { rotation });
      try {
        if (faultFrames.has(request.frameIndex ?? -1)) {
          throw new Error(`Injected fault on frame ${request.frameIndex}`);
        }
        if (injected) return injected.get(request.frameIndex ?? -1) ?? [];
        return await workerClock.time('detect.frame', () => detectFallingBack(sample, request));
      } finally {
        sample.close();
        frame.close();
      }
    });
  },

  /** Detects in an encoded image (JPEG/PNG/WebP), every pass, with the settings used for video frames. */
  detectImage(
    image: Blob,
    request: DetectRequest,
  ): Promise<{ width: number; height: number; detections: Detection[] }> {
    return serially(async () => {
      const bitmap = await createImageBitmap(image);
      const sample = new VideoSample(bitmap, { timestamp: 0 });
      try {
        const detections = await detectSample(sample, { ...request, frameIndex: undefined });
        return { width: bitmap.width, height: bitmap.height, detections };
      } finally {
        sample.close();
        bitmap.close();
      }
    });
  },

  /** TEST HOOK: detection throws on these frame indices (an empty list clears it). */
  injectFault(frames: number[]): void {
    faultFrames = new Set(frames);
  },

  /** TEST HOOK: video frames' detections from now on (null: the model's again). */
  injectDetections(byFrame: [frameIndex: number, detections: Detection[]][] | null): void {
    injected = byFrame ? new Map(byFrame) : undefined;
  },

  /** TEST HOOK: the next detection fails as a lost WebGPU device does. */
  injectDeviceLost(): void {
    loseDevice = true;
  },

  /** How many times detection fell back to WASM after losing its GPU device. */
  deviceFallbacks(): number {
    return fallbacks;
  },

  /** Where detection's time went since `resetProfile` (ms and counts per stage; `npm run bench`). */
  profile(): StageTotals {
    return workerClock.snapshot();
  },

  resetProfile(): void {
    workerClock.reset();
  },

  connect(port: MessagePort): void {
    Comlink.expose(api, port);
  },
};

export type DetectWorkerApi = typeof api;
Comlink.expose(api);
