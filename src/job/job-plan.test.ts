import { describe, expect, it } from 'vitest';
import { keyFrameShare } from '../detect/key-frames.ts';
import type { MediaInfo } from '../media/types.ts';
import type { StorageEstimate } from '../store/index.ts';
import { estimateAnalysisSec, passesPerFrame, planJob, refuseImpossible } from './job-plan.ts';

const info720 = {
  fileName: 'a.mp4',
  fileBytes: 5_000_000,
  width: 1280,
  height: 720,
  frameCount: 300,
} as MediaInfo;
const wasm = { model: 'blazeface-back-256', backend: 'wasm' } as const;
const fast = { mode: 'fast', plates: false } as const;
const storage = (quotaBytes: number, usageBytes: number): StorageEstimate => ({
  supported: true,
  usageBytes,
  quotaBytes,
  availableBytes: quotaBytes - usageBytes,
  persisted: false,
});

describe('job plan (limits stated up front)', () => {
  it('counts one face pass a frame in fast mode, plus tiles and text when asked for', () => {
    expect(passesPerFrame(info720, fast, wasm)).toEqual({ face: 1, faceMegapixels: 0, text: 0 });
    const balanced = passesPerFrame(info720, { mode: 'balanced', plates: true }, wasm);
    expect(balanced.face).toBeGreaterThan(1);
    expect(balanced.text).toBe(1 / 8);
    expect(passesPerFrame(info720, { mode: 'thorough', plates: true }, wasm).text).toBe(1 / 4);
  });
  it('estimates time close to what the 2-core machine measured at 720p (fast ≈ 10–14 fps, balanced ≈ 5)', () => {
    const fastFps = 300 / estimateAnalysisSec(info720, fast, wasm);
    expect(fastFps).toBeGreaterThan(8);
    expect(fastFps).toBeLessThan(20);
    const balancedFps =
      300 / estimateAnalysisSec(info720, { mode: 'balanced', plates: true }, wasm);
    expect(balancedFps).toBeGreaterThan(3);
    expect(balancedFps).toBeLessThan(8);
    // More detail never costs less; WebGPU never costs more.
    const webgpu = { ...wasm, backend: 'webgpu' } as const;
    expect(estimateAnalysisSec(info720, fast, webgpu)).toBeLessThan(
      estimateAnalysisSec(info720, fast, wasm),
    );
  });
  it('counts input megapixels for a whole-frame model: more in balanced mode on small frames', () => {
    const yunet = { model: 'yunet-n', backend: 'wasm' } as const;
    const balanced720 = passesPerFrame(info720, { mode: 'balanced', plates: false }, yunet);
    expect(balanced720.face).toBe(0);
    // 1280×736 plus the half- and quarter-size views on the key frames, a quarter-size glance on the rest.
    const full = 1280 * 736 + 640 * 384 + 320 * 192;
    const glance = 320 * 192;
    const key = keyFrameShare('balanced');
    expect(balanced720.faceMegapixels).toBeCloseTo((full * key + glance * (1 - key)) / 1e6, 5);
    expect(passesPerFrame(info720, fast, yunet).faceMegapixels).toBeLessThan(0.15);
    const small = { ...info720, width: 640, height: 360 };
    const smallFast = passesPerFrame(small, fast, yunet).faceMegapixels;
    const smallBalanced = passesPerFrame(small, { mode: 'balanced', plates: false }, yunet);
    // Key frames add the 2× view (1280×736).
    expect(smallBalanced.faceMegapixels).toBeGreaterThan(smallFast + (1280 * 736) / 4e6);
    const balanced = { mode: 'balanced', plates: false } as const;
    const fps = 300 / estimateAnalysisSec(info720, balanced, yunet);
    expect(fps).toBeGreaterThan(4);
    expect(fps).toBeLessThan(16);
    expect(300 / estimateAnalysisSec(info720, fast, yunet)).toBeGreaterThan(1.5 * fps);
  });
  it('compares the storage needed with what is free and what the browser allows at all', () => {
    expect(planJob(info720, fast, wasm, storage(1e10, 0)).verdict).toBe('fits');
    expect(planJob(info720, fast, wasm, storage(1e7, 9e6)).verdict).toBe('shortfall');
    const tooBig = planJob(info720, fast, wasm, storage(1e6, 0));
    expect(tooBig.verdict).toBe('too-big');
    expect(tooBig.quotaBytes).toBe(1e6);
    expect(() => refuseImpossible(tooBig)).toThrow(
      expect.objectContaining({ name: 'StorageTooSmallError' }),
    );
    const unknown = planJob(info720, fast, wasm, null);
    expect(unknown.verdict).toBe('unknown');
    expect(unknown.availableBytes).toBeNull();
    expect(() => refuseImpossible(unknown)).not.toThrow();
  });
});
