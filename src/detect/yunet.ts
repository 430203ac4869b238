/**
 * YuNet (libfacedetection.train, Apache-2.0): decoding its outputs, and the face box its landmarks imply.
 * Pure functions. Format: vendor/models/yunet/PROVENANCE.md and public/models/README.md.
 */
import { modelBox, type ModelBox, type Rect } from '../regions/geometry.ts';
import type { OutputTensors } from './postprocess.ts';

/** Five landmarks as x, y pairs: right eye, left eye, nose tip, right and left mouth corner (as seen). */
export type Landmarks = readonly number[];
export type LandmarkedBox<Box extends Rect = ModelBox> = {
  box: Box;
  score: number;
  landmarks: Landmarks;
};

export const YUNET_STRIDES = [8, 16, 32] as const;
/** YuNet's input height and width must be multiples of its coarsest stride. */
export const YUNET_MULTIPLE = 32;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

function output(outputs: OutputTensors, name: string): Float32Array {
  const data = outputs[name];
  if (!data) throw new Error(`YuNet output ${name} missing`);
  return data;
}

/**
 * YuNet's outputs for a `width`×`height` input (both multiples of 32) → boxes in input pixels with score ≥
 * `threshold`. One anchor-free prior per cell of each stride, row-major; score = √(cls · obj).
 */
export function decodeYuNet(
  outputs: OutputTensors,
  width: number,
  height: number,
  threshold: number,
): LandmarkedBox[] {
  const found: LandmarkedBox[] = [];
  for (const stride of YUNET_STRIDES) {
    const cls = output(outputs, `cls_${stride}`);
    const obj = output(outputs, `obj_${stride}`);
    const bbox = output(outputs, `bbox_${stride}`);
    const kps = output(outputs, `kps_${stride}`);
    const cols = width / stride;
    const cells = cols * (height / stride);
    if (cls.length !== cells) {
      throw new Error(`YuNet cls_${stride} has ${cls.length} cells, not ${cells}`);
    }
    for (let i = 0; i < cells; i++) {
      const score = Math.sqrt(clamp01(cls[i]!) * clamp01(obj[i]!));
      if (score < threshold) continue;
      const col = i % cols;
      const row = Math.floor(i / cols);
      const cx = (col + bbox[i * 4]!) * stride;
      const cy = (row + bbox[i * 4 + 1]!) * stride;
      const w = Math.exp(bbox[i * 4 + 2]!) * stride;
      const h = Math.exp(bbox[i * 4 + 3]!) * stride;
      const landmarks: number[] = [];
      for (let k = 0; k < 5; k++) {
        landmarks.push(
          (col + kps[i * 10 + 2 * k]!) * stride,
          (row + kps[i * 10 + 2 * k + 1]!) * stride,
        );
      }
      found.push({ box: modelBox(cx - w / 2, cy - h / 2, w, h), score, landmarks });
    }
  }
  return found;
}

/**
 * How far a face reaches beyond its eyes and mouth, in eye-to-mouth distances. YuNet's box stops about
 * 0.7 of that distance below the mouth, short of the chin and of a face mask; on the labelled dev set the
 * labelled faces end a median 0.93 below the mouth (masked faces) and begin 0.5–1.0 above the eyes. An
 * adult face measures about 1.0 from the mouth line to the chin and 1.1 from the eyes to the hairline.
 * docs/DETECTION.md has the measurements.
 */
export const FACE_REACH = { aboveEyes: 1.0, belowMouth: 1.0 } as const;

/**
 * The detector's box extended up to the forehead and down to the chin its landmarks imply (never
 * shrunk). Where the landmarks are implausible (eyes not above the mouth), the eye-to-mouth distance is
 * taken as 0.3 of the box height, so the box grows little.
 */
export function faceBoxFromLandmarks<R extends Rect>(box: R, landmarks: Landmarks): R {
  if (landmarks.length < 10) return box;
  const eyeY = (landmarks[1]! + landmarks[3]!) / 2;
  const mouthY = (landmarks[7]! + landmarks[9]!) / 2;
  const reach = Math.max(mouthY - eyeY, 0.3 * box.h);
  const top = Math.min(box.y, eyeY - FACE_REACH.aboveEyes * reach);
  const bottom = Math.max(box.y + box.h, mouthY + FACE_REACH.belowMouth * reach);
  return { ...box, y: top, h: bottom - top };
}
