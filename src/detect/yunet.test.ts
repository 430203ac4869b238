import { describe, expect, it } from 'vitest';
import { modelBox } from '../regions/geometry.ts';
import { decodeYuNet, faceBoxFromLandmarks, FACE_REACH, YUNET_STRIDES } from './yunet.ts';

/** Empty YuNet outputs for a width×height input, with `hits` written into the given stride's cells. */
function outputs(
  width: number,
  height: number,
  hits: { stride: number; cell: number; cls: number; obj: number; bbox: number[]; kps: number[] }[],
) {
  const out: Record<string, Float32Array> = {};
  for (const s of YUNET_STRIDES) {
    const n = (width / s) * (height / s);
    out[`cls_${s}`] = new Float32Array(n);
    out[`obj_${s}`] = new Float32Array(n);
    out[`bbox_${s}`] = new Float32Array(4 * n);
    out[`kps_${s}`] = new Float32Array(10 * n);
  }
  for (const h of hits) {
    out[`cls_${h.stride}`]![h.cell] = h.cls;
    out[`obj_${h.stride}`]![h.cell] = h.obj;
    out[`bbox_${h.stride}`]!.set(h.bbox, 4 * h.cell);
    out[`kps_${h.stride}`]!.set(h.kps, 10 * h.cell);
  }
  return out;
}

describe('YuNet decoder', () => {
  it('decodes a cell into a box centred on (col + dx, row + dy)·stride with exp sizes', () => {
    // 64×32 input, stride 16: 4 columns × 2 rows; cell 5 = row 1, col 1.
    const found = decodeYuNet(
      outputs(64, 32, [
        {
          stride: 16,
          cell: 5,
          cls: 0.81,
          obj: 1,
          bbox: [0.5, 0.25, Math.log(2), Math.log(3)],
          kps: [0, 0, 1, 0, 0.5, 0.5, 0, 1, 1, 1],
        },
      ]),
      64,
      32,
      0.5,
    );
    expect(found).toHaveLength(1);
    const [hit] = found;
    expect(hit!.score).toBeCloseTo(0.9, 6); // √(0.81 · 1)
    // centre ((1 + 0.5)·16, (1 + 0.25)·16) = (24, 20); size 32 × 48
    expect(hit!.box.x).toBeCloseTo(8, 5);
    expect(hit!.box.y).toBeCloseTo(-4, 5);
    expect(hit!.box.w).toBeCloseTo(32, 5);
    expect(hit!.box.h).toBeCloseTo(48, 5);
    expect(hit!.landmarks).toEqual([16, 16, 32, 16, 24, 24, 16, 32, 32, 32]);
  });

  it('clamps cls and obj to [0, 1] and drops scores under the threshold', () => {
    const found = decodeYuNet(
      outputs(32, 32, [
        {
          stride: 8,
          cell: 0,
          cls: 1.4,
          obj: 0.25,
          bbox: [0, 0, 0, 0],
          kps: Array.from({ length: 10 }, () => 0),
        },
        {
          stride: 32,
          cell: 0,
          cls: -0.2,
          obj: 1,
          bbox: [0, 0, 0, 0],
          kps: Array.from({ length: 10 }, () => 0),
        },
      ]),
      32,
      32,
      0.4,
    );
    expect(found.map((f) => f.score)).toEqual([0.5]);
  });

  it('refuses outputs whose cell count does not match the input size', () => {
    expect(() => decodeYuNet(outputs(64, 32, []), 32, 32, 0.5)).toThrow(/cls_8/);
    const missing = outputs(32, 32, []);
    delete missing['kps_16'];
    expect(() => decodeYuNet(missing, 32, 32, 0.5)).toThrow(/kps_16/);
  });
});

describe('face box from landmarks', () => {
  // Eyes at y = 40, mouth at y = 60: the eye-to-mouth distance is 20.
  const landmarks = [40, 40, 60, 40, 50, 50, 42, 60, 58, 60];

  it('runs from mid-forehead to the chin the landmarks imply, as wide as the detector box', () => {
    const box = faceBoxFromLandmarks(modelBox(30, 30, 40, 40), landmarks);
    expect(box.x).toBe(30);
    expect(box.w).toBe(40);
    expect(box.y).toBeCloseTo(40 - 20 * FACE_REACH.aboveEyes);
    expect(box.y + box.h).toBeCloseTo(60 + 20 * FACE_REACH.belowMouth);
  });

  it('never ends above the bottom of the detector box', () => {
    const long = modelBox(30, 30, 40, 60);
    const box = faceBoxFromLandmarks(long, landmarks);
    expect(box.y + box.h).toBe(90);
  });

  it('keeps the detector box where the landmarks are implausible', () => {
    const upsideDown = [40, 60, 60, 60, 50, 50, 42, 40, 58, 40];
    const square = modelBox(30, 30, 40, 40);
    expect(faceBoxFromLandmarks(square, upsideDown)).toEqual(square);
    // Eyes and mouth squeezed together in a tall box (a profile): 20 < 0.25 · 120.
    const tall = modelBox(30, 0, 40, 120);
    expect(faceBoxFromLandmarks(tall, landmarks)).toEqual(tall);
  });

  it('leaves a box without landmarks as it is', () => {
    const box = modelBox(1, 2, 3, 4);
    expect(faceBoxFromLandmarks(box, [])).toBe(box);
  });
});
