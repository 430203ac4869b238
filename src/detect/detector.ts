/**
 * A face detector bound to one model and one ORT session: image in, detections in video pixels out. Which
 * kind runs depends on the model: whole-frame views (YuNet) or a letterboxed square input with tiles.
 */
import { MODELS } from './models.ts';
import { openModelSession } from './session.ts';
import { SquareFaceDetector } from './square-detector.ts';
import { ViewsFaceDetector } from './views-detector.ts';
import type { DetectorInfo, DetectorOptions, FaceDetector } from './face-detector.ts';

export type {
  DetectOptions,
  DetectorInfo,
  DetectorOptions,
  FaceDetector,
} from './face-detector.ts';

export async function createFaceDetector(options: DetectorOptions): Promise<FaceDetector> {
  const spec = MODELS[options.model];
  const { session, backend, threads, note } = await openModelSession(
    spec.file,
    options.baseUrl,
    options.backend,
  );
  const info: DetectorInfo = {
    model: spec.id,
    modelLabel: spec.label,
    licence: spec.licence,
    backend,
    threads,
    note,
    scoreThreshold: options.scoreThreshold ?? spec.scoreThreshold,
  };
  return spec.kind === 'views'
    ? new ViewsFaceDetector(spec, session, info)
    : new SquareFaceDetector(spec, session, info);
}
