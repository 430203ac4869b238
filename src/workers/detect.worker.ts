/**
 * The detect worker: owns the face detectors (one ORT session each) and the text worker (the text/plate
 * model, its own ORT session). A frame's text pass runs in the text worker while this worker goes on with
 * face passes, so the two models use both cores. Face calls run one at a time, in arrival order, as do text
 * calls. Exposed on its own port to the main thread, and on a second port to the media worker (`connect`).
 */
import * as Comlink from 'comlink';
import { VideoSample, type Rotation } from 'mediabunny';
import {
  createFaceDetector,
  type DetectOptions,
  type DetectorInfo,
  type DetectorOptions,
  type FaceDetector,
} from '../detect/detector.ts';
import {
  FaceFollower,
  FOLLOW_BACK_FRAMES,
  FOLLOWED_SCORE,
  followScale,
  type EarlierHit,
  type FollowStep,
} from '../detect/face-follower.ts';
import { keyEvery, keyFrameSchedule, type KeyFrameSchedule } from '../detect/key-frames.ts';
import { passesDue, type DetectRequest } from '../detect/schedule.ts';
import type { FramePass } from '../detect/views.ts';
import { isDeviceLost } from '../detect/session.ts';
import type { DetailMode } from '../detect/tiles.ts';
import { videoBox, type Rect } from '../regions/geometry.ts';
import type { DetectedFrame, Detection, EarlierHits } from '../regions/types.ts';
import { workerClock, type StageTotals } from '../lib/stage-clock.ts';
import { TEST_BUILD } from '../lib/test-build.ts';
import { serialQueue } from './serial-queue.ts';
import type { TextWorkerApi } from './text.worker.ts';

let faces: FaceDetector | undefined;
let options: DetectorOptions | undefined;
/** Detectors are created once per model and kept; `init` makes the requested face model active. */
const created = new Map<string, Promise<FaceDetector>>();
/** The text worker, started on the first text pass; terminated with this worker (a cancel ends both). */
let textWorker: Comlink.Remote<TextWorkerApi> | undefined;
const serially = serialQueue();
/** TEST HOOK (test builds, `window.__garim.injectFault`): video frames whose detection throws. */
let faultFrames = new Set<number>();
/**
 * TEST HOOK (test builds, `window.__garim.injectDetections`): when set, a video frame's detections
 * are these (none for a frame not listed) instead of the model's, so editing specs do not depend on it.
 */
let injected: ReadonlyMap<number, Detection[]> | undefined;

function once<T>(make: () => Promise<T>, forget: () => void): Promise<T> {
  const pending = make();
  pending.catch(forget);
  return pending;
}

/** Tells a running text worker where models are and which backend to use (the face model's). */
function syncTextWorker(): void {
  if (!textWorker || !options) return;
  const { baseUrl, backend } = options;
  void textWorker.init({ baseUrl, backend });
}

function texts(): Comlink.Remote<TextWorkerApi> {
  if (!options) throw new Error('Detector not initialised');
  if (!textWorker) {
    const worker = new Worker(new URL('./text.worker.ts', import.meta.url), {
      type: 'module',
      name: 'text',
    });
    textWorker = Comlink.wrap<TextWorkerApi>(worker);
    syncTextWorker();
  }
  return textWorker;
}

/** Text on `frame` (a copy goes to the text worker; `frame` stays the caller's). */
function detectText(frame: VideoFrame, rotation: Rotation): Promise<Detection[]> {
  const copy = frame.clone();
  const found = texts().detectFrame(Comlink.transfer(copy, [copy]), rotation);
  found.catch(() => undefined); // awaited after the face pass; a failure then is not "unhandled" before it
  return found;
}

/** TEST HOOK (test builds, `injectFault('gpu-device-lost')`): the next detection loses the GPU. */
let loseDevice = false;
/** How many times detection fell back to WASM after losing its GPU device (read by the e2e test). */
let fallbacks = 0;

/**
 * Faces on `sample`; when the GPU device is lost, reopens the detectors on WASM and detects again, so the
 * job goes on (slower) instead of stopping or losing frames.
 */
async function detectFacesFallingBack(
  sample: VideoSample,
  mode: DetailMode,
  passes: DetectOptions,
): Promise<Detection[]> {
  if (!faces) throw new Error('Detector not initialised');
  try {
    if (TEST_BUILD && loseDevice) {
      loseDevice = false;
      throw new Error('Injected fault: the GPU device was lost');
    }
    return await faces.detect(sample, mode, passes);
  } catch (error) {
    if (!isDeviceLost(error) || !options) throw error;
    console.warn('Garim: the GPU device was lost; detection goes on with WASM', error);
    options = { ...options, backend: 'wasm' };
    syncTextWorker();
    faces = await createFaceDetector(options);
    fallbacks++;
    return faces.detect(sample, mode, passes);
  }
}

/**
 * The analysis's key-frame schedule and face follower, for one mode and frame size (a new analysis, or a
 * jump in frame numbers, starts them afresh).
 */
let keyFrames:
  | { key: string; schedule: KeyFrameSchedule; follower: FaceFollower; followScale: number }
  | undefined;

function scheduleFor(request: DetectRequest, sample: VideoSample) {
  const { displayWidth: width, displayHeight: height } = sample;
  const { backend } = currentDetector().info;
  const key = `${request.mode}/${width}x${height}/${backend}`;
  if (keyFrames?.key !== key) {
    keyFrames = {
      key,
      schedule: keyFrameSchedule(request.mode, width, height, backend),
      follower: new FaceFollower(2 * keyEvery(request.mode, backend), FOLLOW_BACK_FRAMES),
      followScale: followScale(width, height),
    };
  }
  return keyFrames;
}

function currentDetector(): FaceDetector {
  if (!faces) throw new Error('Detector not initialised');
  return faces;
}

/** A detection of each face followed by its look where the detector did not find it: a weak hit. */
function followedHit(box: Rect): Detection {
  return {
    box: videoBox(box.x, box.y, box.w, box.h),
    score: FOLLOWED_SCORE,
    class: 'face',
    weak: true,
  };
}

/** The faces followed back, as weak hits grouped by frame. */
function earlierHits(hits: readonly EarlierHit[]): EarlierHits[] {
  const byFrame = new Map<number, Detection[]>();
  for (const { frameIndex, box } of hits) {
    const list = byFrame.get(frameIndex) ?? [];
    list.push(followedHit(box));
    byFrame.set(frameIndex, list);
  }
  return [...byFrame].map(([frameIndex, detections]) => ({ frameIndex, detections }));
}

/**
 * Follows the faces by their look onto this frame (face-follower.ts), given the detector's sure `faces`.
 * Undefined for a detector without grayscale frames (a square model): nothing is followed.
 */
function followFaces(
  sample: VideoSample,
  request: DetectRequest,
  faces: readonly Rect[],
): FollowStep | undefined {
  const detector = currentDetector();
  const gray = detector.grayFrame?.bind(detector);
  if (!gray || !keyFrames || request.frameIndex === undefined) return undefined;
  const { follower, followScale: scale } = keyFrames;
  const image = () => gray(sample, scale);
  const frameIndex = request.frameIndex;
  return workerClock.time('face.follow', () =>
    follower.step(frameIndex, image, scale, faces, request.cut),
  );
}

/**
 * Faces on one frame, looked at as the schedule says: in an analysis, the full detector on key frames and a
 * glance between (the schedule is told what each found); otherwise as `passesDue` says. Frames arrive in
 * order and face passes run one at a time, so the schedule sees them in order.
 */
async function detectFacesScheduled(
  sample: VideoSample,
  request: DetectRequest,
  due: { faceMode: DetailMode; pass: FramePass },
): Promise<DetectedFrame> {
  const weak = request.weakFaces ?? false;
  if (!request.keyFrames || request.frameIndex === undefined) {
    const detections = await detectFacesFallingBack(sample, due.faceMode, { weak, pass: due.pass });
    return { detections, earlier: [] };
  }
  const { schedule } = scheduleFor(request, sample);
  const scheduled = schedule.pass(request.frameIndex, request.cut);
  const pass = scheduled === 'key' ? 'detail' : 'glance';
  const found = await workerClock.time(`detect.${scheduled}`, () =>
    detectFacesFallingBack(sample, due.faceMode, { weak, pass }),
  );
  const sure = found.filter((d) => d.class === 'face' && !d.weak).map((d) => d.box);
  // Followed faces are weak hits, asked for by analysis only; a self-check's schedule goes without them.
  const follow = weak ? followFaces(sample, request, sure) : undefined;
  schedule.found(scheduled, sure, follow);
  if (!follow) return { detections: found, earlier: [] };
  const detections = found.concat(follow.followed.map(followedHit));
  return { detections, earlier: earlierHits(follow.earlier) };
}

/** Every pass due on this frame: text in the text worker, faces here, at the same time. */
async function detectPasses(
  sample: VideoSample,
  frame: VideoFrame,
  rotation: Rotation,
  request: DetectRequest,
): Promise<DetectedFrame> {
  const due = passesDue(request);
  const text = due.text ? detectText(frame, rotation) : undefined;
  const found = await serially(() =>
    workerClock.time('detect.frame', () => detectFacesScheduled(sample, request, due)),
  );
  return text ? { ...found, detections: found.detections.concat(await text) } : found;
}

const api = {
  async init(next: DetectorOptions): Promise<DetectorInfo> {
    const key = `${next.model}/${next.backend}`;
    let pending = created.get(key);
    if (!pending) {
      pending = once(
        () => createFaceDetector(next),
        () => created.delete(key),
      );
      created.set(key, pending);
    }
    faces = await pending;
    options = next;
    syncTextWorker();
    return faces.info;
  },

  /** Loads the text model ahead of a job that covers plates, so its cost is not paid on frame 0. */
  async preparePlates(): Promise<void> {
    await texts().prepare();
  },

  /**
   * Detects on a frame (shown rotated by `rotation`° clockwise) and closes it; in an analysis, also the faces
   * it followed back onto earlier frames.
   */
  async detectFrame(
    frame: VideoFrame,
    rotation: Rotation,
    request: DetectRequest,
  ): Promise<DetectedFrame> {
    const sample = new VideoSample(frame, { rotation });
    try {
      if (TEST_BUILD && faultFrames.has(request.frameIndex ?? -1)) {
        throw new Error(`Injected fault on frame ${request.frameIndex}`);
      }
      if (TEST_BUILD && injected) {
        return { detections: injected.get(request.frameIndex ?? -1) ?? [], earlier: [] };
      }
      return await detectPasses(sample, frame, rotation, request);
    } finally {
      sample.close();
      frame.close();
    }
  },

  /** Detects in an encoded image (JPEG/PNG/WebP), every pass, with the settings used for video frames. */
  async detectImage(
    image: Blob,
    request: DetectRequest,
  ): Promise<{ width: number; height: number; detections: Detection[] }> {
    const bitmap = await createImageBitmap(image);
    const frame = new VideoFrame(bitmap, { timestamp: 0 });
    const sample = new VideoSample(bitmap, { timestamp: 0 });
    try {
      const every = { ...request, frameIndex: undefined };
      const { detections } = await detectPasses(sample, frame, 0, every);
      return { width: bitmap.width, height: bitmap.height, detections };
    } finally {
      sample.close();
      frame.close();
      bitmap.close();
    }
  },

  /** How many times detection fell back to WASM after losing its GPU device. */
  deviceFallbacks(): number {
    return fallbacks;
  },

  /** Where detection's time went since `resetProfile` (ms and counts per stage; `npm run bench`). */
  /** This worker's stages and the text worker's (`text.*`), since `resetProfile`. */
  async profile(): Promise<StageTotals> {
    const text = textWorker ? await textWorker.profile() : {};
    return { ...workerClock.snapshot(), ...text };
  },

  async resetProfile(): Promise<void> {
    workerClock.reset();
    await textWorker?.resetProfile();
  },

  connect(port: MessagePort): void {
    Comlink.expose(api, port);
  },
};

/**
 * Fault injection and replaced detections (src/job/test-hooks.ts), exposed by a test build's worker only
 * (TEST_BUILD; the media worker's port never gets them).
 */
const testHooks = {
  /** Detection throws on these frame indices (an empty list clears it). */
  injectFault(frames: number[]): void {
    faultFrames = new Set(frames);
  },

  /** Video frames' detections from now on (null: the model's again). */
  injectDetections(byFrame: [frameIndex: number, detections: Detection[]][] | null): void {
    injected = byFrame ? new Map(byFrame) : undefined;
  },

  /** The next detection fails as a lost WebGPU device does. */
  injectDeviceLost(): void {
    loseDevice = true;
  },
};

export type DetectWorkerApi = typeof api;
export type DetectTestHooks = typeof testHooks;
// A production bundle has no hooks: TEST_BUILD is a literal there.
Comlink.expose(TEST_BUILD ? { ...api, ...testHooks } : api);
