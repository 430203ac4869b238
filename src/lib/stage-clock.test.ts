import { describe, expect, it } from 'vitest';
import { StageClock } from './stage-clock.ts';

describe('StageClock', () => {
  it('adds time and counts per stage; snapshots are copies; reset empties it', () => {
    const clock = new StageClock();
    clock.add('decode', 2);
    clock.add('decode', 3);
    clock.add('infer', 10);
    const snapshot = clock.snapshot();
    expect(snapshot).toEqual({ decode: { ms: 5, count: 2 }, infer: { ms: 10, count: 1 } });
    clock.add('decode', 1);
    expect(snapshot.decode).toEqual({ ms: 5, count: 2 });
    clock.reset();
    expect(clock.snapshot()).toEqual({});
  });

  it('times sync work at once and async work until it settles (also when it rejects)', async () => {
    const clock = new StageClock();
    expect(clock.time('sync', () => 7)).toBe(7);
    expect(clock.snapshot().sync?.count).toBe(1);
    const waited = clock.time('async', () => new Promise((r) => setTimeout(() => r('done'), 30)));
    expect(clock.snapshot().async).toBeUndefined();
    await expect(waited).resolves.toBe('done');
    expect(clock.snapshot().async?.ms).toBeGreaterThanOrEqual(25);
    await expect(clock.time('failing', () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
    expect(clock.snapshot().failing?.count).toBe(1);
  });
});
