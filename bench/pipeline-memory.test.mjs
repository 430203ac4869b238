import { describe, expect, it } from 'vitest';
import { fixedFace, stagePeaks } from './pipeline-memory.mjs';

const MiB = 1024;

describe('stagePeaks', () => {
  const changes = [
    { stage: 'probe', at: 100 },
    { stage: 'analyse', at: 200 },
    { stage: null, at: 400 },
    { stage: 'export', at: 500 },
  ];

  it('gives each sample to the stage shown when it was taken, and keeps the peak of each', () => {
    const samples = [
      { at: 50, rssKiB: 100 * MiB, pssKiB: 90 * MiB },
      { at: 250, rssKiB: 300 * MiB, pssKiB: null },
      { at: 350, rssKiB: 200 * MiB, pssKiB: 150 * MiB },
      { at: 450, rssKiB: 250 * MiB, pssKiB: null },
      { at: 600, rssKiB: 500 * MiB, pssKiB: 400 * MiB },
      { at: 900, rssKiB: 700 * MiB, pssKiB: null },
    ];
    expect(stagePeaks(samples, changes, 800)).toEqual({
      idle: { rssMiB: 100, pssMiB: 90, samples: 1 },
      analyse: { rssMiB: 300, pssMiB: 150, samples: 2 },
      between: { rssMiB: 250, pssMiB: null, samples: 1 },
      export: { rssMiB: 500, pssMiB: 400, samples: 1 },
      done: { rssMiB: 700, pssMiB: null, samples: 1 },
    });
  });

  it('is empty without samples', () => {
    expect(stagePeaks([], changes)).toEqual({});
  });
});

describe('fixedFace', () => {
  it('is a tenth of the picture wide, inside it', () => {
    const box = fixedFace(1920, 1080);
    expect(box).toEqual({ x: 768, y: 324, w: 192, h: 240 });
    expect(box.x + box.w).toBeLessThanOrEqual(1920);
    expect(box.y + box.h).toBeLessThanOrEqual(1080);
  });
});
