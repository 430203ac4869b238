import { describe, expect, it } from 'vitest';
import { fixedBoxes, mosaicGraph } from './pipeline-native.mjs';
import {
  describeSettings,
  entry,
  formatProfile,
  formatTable,
  median,
  profilePerFrame,
  quantile,
  refer,
  round,
  stageFps,
  timeline,
} from './pipeline-report.mjs';

describe('pipeline benchmark results', () => {
  it('takes quantiles and medians, ignoring what is not a number', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(median([null, 4, Number.NaN])).toBe(4);
    expect(median([])).toBeNull();
  });

  it('rounds to 4 significant digits and keeps missing values null', () => {
    expect(round(12.34567)).toBe(12.35);
    expect(round(1234567)).toBe(1235000);
    expect(round(undefined)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('links an entry to its reference as value / reference', () => {
    const ref = entry({ id: 'native.x', metric: 'export_fps', value: 50, unit: 'fps' });
    const app = refer(
      entry({ id: 'export.x', metric: 'export_fps', value: 100, unit: 'fps' }),
      ref,
    );
    expect(app.reference).toEqual({ name: 'native.x', value: 50, ratio: 2 });
    const failed = refer(
      entry({ id: 'f', metric: 'm', value: null, unit: 'fps', error: 'x' }),
      ref,
    );
    expect(failed.reference.ratio).toBeNull();
    expect(failed.error).toBe('x');
    const otherUnit = refer(entry({ id: 's', metric: 'm', value: 1, unit: 's' }), ref);
    expect(otherUnit.reference).toBeUndefined();
  });

  it('keeps optional fields out of an entry unless given', () => {
    expect(Object.keys(entry({ id: 'a', metric: 'm', value: 1, unit: 'ms' }))).toEqual([
      'id',
      'metric',
      'value',
      'unit',
      'source',
      'settings',
    ]);
  });

  it('prints one row per entry with the ratio', () => {
    const ref = entry({ id: 'native.e', metric: 'export_fps', value: 40, unit: 'fps' });
    const app = refer(
      entry({
        id: 'export.fps.720p-10s.default',
        metric: 'export_fps',
        value: 80,
        unit: 'fps',
        settings: { clip: '720p-10s', mode: 'balanced', plates: true, defaults: true },
      }),
      ref,
    );
    const lines = formatTable([app, ref]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('80.0 fps');
    expect(lines[2]).toContain('2.00×');
    expect(lines[2]).toContain('720p-10s, balanced, plates on, app defaults');
  });

  it('describes settings briefly', () => {
    expect(describeSettings({ cache: 'warm', runs: 3 })).toBe('warm cache, median of 3');
    expect(describeSettings({ clip: 'c', plates: false })).toBe('c, plates off');
  });
});

describe('pipeline benchmark page probes', () => {
  const probes = {
    marks: { fileChosen: 1000 },
    states: [
      { state: 'idle', t: 0 },
      { state: 'working', t: 1010 },
      { state: 'done', t: 9000 },
    ],
    stages: [
      { stage: 'probe', t: 1010 },
      { stage: 'analyse', t: 2000 },
      { stage: 'export', t: 7000 },
      { stage: null, t: 9000 },
    ],
  };

  it('measures from the file being chosen to done, and each stage', () => {
    const { e2eSec, stagesSec } = timeline(probes);
    expect(e2eSec).toBe(8);
    expect(stagesSec).toEqual({ probe: 0.99, analyse: 5, export: 2 });
  });

  it('has no end-to-end time when the job never finished', () => {
    expect(timeline({ ...probes, states: probes.states.slice(0, 2) }).e2eSec).toBeNull();
  });

  it('takes a stage’s fps between its first and last progress samples', () => {
    const progress = [
      { t: 0, stage: 'probe', done: 0, total: 1 },
      { t: 1000, stage: 'analyse', done: 2, total: 300 },
      { t: 3000, stage: 'analyse', done: 22, total: 300 },
      { t: 3100, stage: 'export', done: 1, total: 300 },
    ];
    expect(stageFps(progress, 'analyse')).toEqual({
      fps: 10,
      frames: 20,
      seconds: 2,
      lastFrame: 22,
      total: 300,
    });
    expect(stageFps(progress, 'export')).toBeNull();
  });
});

describe('pipeline benchmark native reference', () => {
  it('places the app’s mean box count and size, padded, inside the frame', () => {
    const boxes = fixedBoxes(1280, 720, { perFrame: 2.6, meanW: 100, meanH: 120 }, 1.3);
    expect(boxes).toHaveLength(3);
    for (const b of boxes) {
      expect(b).toMatchObject({ w: 130, h: 156 });
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(1280);
      expect(b.y + b.h).toBeLessThanOrEqual(720);
      expect(b.x % 2).toBe(0);
    }
    expect(fixedBoxes(1280, 720, undefined, 1.3)).toHaveLength(3);
    expect(fixedBoxes(1280, 720, { perFrame: 0, meanW: 0, meanH: 0 }, 1.3)).toHaveLength(1);
  });

  it('chains one pixelation per box and ends on [v]', () => {
    const graph = mosaicGraph(
      [
        { x: 0, y: 0, w: 160, h: 80 },
        { x: 200, y: 0, w: 80, h: 80 },
      ],
      8,
    );
    expect(graph).toContain('split=3[o0][c0][c1]');
    expect(graph).toContain('scale=16:8:flags=area');
    expect(graph).toContain('[o1][m1]overlay=200:0[v]');
  });
});

describe('analysis profile', () => {
  const profile = {
    frames: 4,
    media: { decode: { ms: 20, count: 4 }, 'detect.wait': { ms: 100, count: 2 } },
    detect: {
      'detect.frame': { ms: 200, count: 4 },
      'face.infer': { ms: 80, count: 4 },
      'text.infer': { ms: 100, count: 1 },
    },
  };

  it('divides every stage by the frames detected and keeps how often each ran', () => {
    const perFrame = profilePerFrame(profile);
    expect(perFrame.frames).toBe(4);
    expect(perFrame.msPerFrame).toEqual({
      'media.decode': 5,
      'media.detect.wait': 25,
      'detect.detect.frame': 50,
      'detect.face.infer': 20,
      'detect.text.infer': 25,
    });
    expect(perFrame.calls['detect.text.infer']).toBe(1);
    expect(perFrame.calls['media.detect.wait']).toBe(2);
  });

  it('is null without a profile or without frames; a detect worker that did not answer counts nothing', () => {
    expect(profilePerFrame(null)).toBeNull();
    expect(profilePerFrame({ ...profile, frames: 0 })).toBeNull();
    const mediaOnly = profilePerFrame({ ...profile, detect: null });
    expect(Object.keys(mediaOnly.msPerFrame)).toEqual(['media.decode', 'media.detect.wait']);
  });

  it('logs the stages largest first, without the per-frame total', () => {
    expect(formatProfile(profilePerFrame(profile))).toBe(
      'media:detect.wait 25, detect:text.infer 25, detect:face.infer 20, media:decode 5',
    );
    expect(formatProfile(null)).toBe('no profile');
  });
});
