/**
 * The detect worker: owns the face detectors (one ORT session each), one of them active. Calls run one at a time, in arrival order.
 * Exposed on its own port to the main thread, and on a second port to the media worker (`connect`).
 */
import * as Comlink from 'comlink';
import { VideoSample, type Rotation } from 'mediabunny';
import { FaceDetector, type DetectorInfo, type DetectorOptions } from '../detect/detector.ts';
import type { Detection } from '../regions/types.ts';

let detector: FaceDetector | undefined;
/** One detector per model, created once; `init` makes the requested one active. */
const created = new Map<string, Promise<FaceDetector>>();
let queue: Promise<unknown> = Promise.resolve();

function serially<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

function ready(): FaceDetector {
  if (!detector) throw new Error('Detector not initialised');
  return detector;
}

const api = {
  async init(options: DetectorOptions): Promise<DetectorInfo> {
    const key = `${options.model}/${options.backend}`;
    let pending = created.get(key);
    if (!pending) {
      pending = FaceDetector.create(options);
      created.set(key, pending);
      pending.catch(() => created.delete(key));
    }
    detector = await pending;
    return detector.info;
  },

  /** Detects faces on a frame (shown rotated by `rotation`° clockwise) and closes it. */
  detectFrame(frame: VideoFrame, rotation: Rotation): Promise<Detection[]> {
    return serially(async () => {
      const sample = new VideoSample(frame, { rotation });
      try {
        return await ready().detect(sample);
      } finally {
        sample.close();
        frame.close();
      }
    });
  },

  /** Detects faces in an encoded image (JPEG/PNG/WebP), with the settings used for video frames. */
  detectImage(image: Blob): Promise<{ width: number; height: number; detections: Detection[] }> {
    return serially(async () => {
      const bitmap = await createImageBitmap(image);
      const sample = new VideoSample(bitmap, { timestamp: 0 });
      try {
        const detections = await ready().detect(sample);
        return { width: bitmap.width, height: bitmap.height, detections };
      } finally {
        sample.close();
        bitmap.close();
      }
    });
  },

  connect(port: MessagePort): void {
    Comlink.expose(api, port);
  },
};

export type DetectWorkerApi = typeof api;
Comlink.expose(api);
