import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, isModelId, MODELS } from './models.ts';

describe('model registry', () => {
  it('the default model may be redistributed', () => {
    expect(MODELS[DEFAULT_MODEL].shippableByDefault).toBe(true);
    expect(MODELS[DEFAULT_MODEL].licence).toMatch(/Apache-2\.0/);
  });

  it('research-licence models are not shippable by default', () => {
    for (const spec of Object.values(MODELS)) {
      if (/non-commercial|research/i.test(spec.licence)) {
        expect(spec.shippableByDefault).toBe(false);
      }
    }
  });

  it('every model lives under models/ as .onnx and is keyed by its id', () => {
    for (const [id, spec] of Object.entries(MODELS)) {
      expect(spec.id).toBe(id);
      expect(spec.file).toMatch(/^models\/[\w.-]+\.onnx$/);
      if (spec.kind === 'square') expect(spec.inputSize).toBeGreaterThan(0);
      expect(spec.scoreThreshold).toBeGreaterThan(0);
      expect(spec.scoreThreshold).toBeLessThan(1);
      expect(spec.nmsIou).toBeGreaterThan(0);
      expect(spec.nmsIou).toBeLessThan(1);
    }
  });

  it('isModelId accepts registered ids only', () => {
    expect(isModelId('yunet-n')).toBe(true);
    expect(isModelId('blazeface-back-256')).toBe(true);
    expect(isModelId('retinaface-mnet025-640')).toBe(true);
    expect(isModelId('yolo')).toBe(false);
    expect(isModelId('')).toBe(false);
  });

  // BUG (models.ts, isModelId): `value in MODELS` also sees Object.prototype members, so
  // 'toString' / 'constructor' / '__proto__' pass the guard and MODELS[id] is then not a ModelSpec.
  // Fix: `Object.hasOwn(MODELS, value)`.
  it('isModelId rejects Object.prototype member names', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(isModelId(name), name).toBe(false);
    }
  });
});
