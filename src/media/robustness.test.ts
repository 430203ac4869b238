import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import { decodeFailure, failedFrame } from './analyse.ts';
import { StalledError } from './errors.ts';
import { boxesFor, exportEnd } from './export.ts';
import { frameGaps } from './gaps.ts';
import {
  PassLiveness,
  StallTimer,
  StarvedWait,
  starvedWaitTotalMs,
  type StarvedProbe,
} from './stall.ts';
import { lostFrames, withDecodeFaults } from './decode-recovery.ts';

describe('boxesFor (no silent gaps)', () => {
  const box = videoBox(1, 2, 3, 4);
  const frame = { frameIndex: 0, timestampUs: 0, boxes: [box] };
  it('covers the tracked boxes of an analysed frame', () => {
    expect(boxesFor(frame, 100, 50)).toEqual([box]);
  });
  it('covers a frame analysis never saw whole', () => {
    // (boxes are compared as plain rectangles)
    expect(boxesFor(undefined, 100, 50)).toEqual([{ x: 0, y: 0, w: 100, h: 50 }]);
  });
  it('covers a frame whose analysis failed whole, whatever boxes it has', () => {
    expect(boxesFor({ ...frame, failed: true }, 100, 50)).toEqual([{ x: 0, y: 0, w: 100, h: 50 }]);
  });
});

describe('failedFrame', () => {
  it('records a failed detection as a flagged frame without regions', () => {
    const signal = new AbortController().signal;
    expect(failedFrame(7, 233_333, new Error('ort blew up'), signal)).toEqual({
      frameIndex: 7,
      timestampUs: 233_333,
      detections: [],
      failed: true,
    });
  });
  it('passes a cancel on instead of recording it', () => {
    const abort = new AbortController();
    abort.abort();
    expect(() => failedFrame(1, 0, new Error('x'), abort.signal)).toThrow('x');
    const stop = new DOMException('stop', 'AbortError');
    expect(() => failedFrame(1, 0, stop, new AbortController().signal)).toThrow(stop);
  });
});

describe('frameGaps', () => {
  it('counts frames missing from the file and frames that failed analysis', () => {
    const frames = [{}, { failed: true as const }, {}, { failed: true as const }];
    expect(frameGaps(frames, 10)).toEqual({ analysed: 4, listed: 10, missing: 6, failed: 2 });
  });
  it('is all zeros for a complete, clean analysis', () => {
    expect(frameGaps([{}, {}], 2)).toEqual({ analysed: 2, listed: 2, missing: 0, failed: 0 });
    expect(frameGaps([{}, {}, {}], 2).missing).toBe(0);
  });
});

describe('exportEnd', () => {
  const at = (us: number) => ({ timestampUs: us });
  it('exports the whole video when every listed frame was analysed', () => {
    expect(exportEnd([at(0), at(33_333)], 2, 30)).toBeUndefined();
    expect(exportEnd([], 30, 30)).toBeUndefined();
  });
  it('stops half a frame after the last analysed frame of a file cut short', () => {
    const end = exportEnd([at(0), at(33_333), at(66_667)], 30, 30);
    expect(end).toBeCloseTo(0.066_667 + 1 / 60, 6);
    // Past the last analysed frame, before where the next one would start.
    expect(end! * 1e6).toBeGreaterThan(66_667);
    expect(end! * 1e6).toBeLessThan(100_000);
  });
  it('copes with a missing or absurd rate', () => {
    expect(exportEnd([at(1_000_000)], 5, Number.NaN)).toBeCloseTo(1.5, 6);
    expect(exportEnd([at(0), at(1000)], 60, 1000)).toBeCloseTo(0.0015, 6);
  });
});

/** A source that never yields. */
const hung: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }),
};

type GuardOptions<T> = StarvedProbe & {
  ms?: number;
  firstMs?: number;
  reopen?: () => AsyncIterable<T>;
  mapError?: (error: unknown) => unknown;
};

/** `first`'s values under a pass's liveness guard; its one retry opens `reopen()` (else a hung source). */
function stallGuarded<T>(
  first: AsyncIterable<T>,
  what: string,
  { ms, firstMs, reopen, mapError, ...probe }: GuardOptions<T> = {},
): AsyncGenerator<T> {
  let opens = 0;
  const open = (): AsyncIterable<T> => (opens++ === 0 ? first : (reopen?.() ?? hung));
  return new PassLiveness(what, ms, probe).values(open, { firstMs, mapError });
}

/** Opening-like waiting without a limit, counting held-up time (PassLiveness.counting). */
function countingStarved<T>(promise: Promise<T>, what: string, probe: StarvedProbe): Promise<T> {
  return new PassLiveness(what, undefined, probe).counting(promise);
}

describe('stall guards (PassLiveness)', () => {
  async function* slow(delays: number[]) {
    for (const d of delays) {
      await new Promise((r) => setTimeout(r, d));
      yield d;
    }
  }
  it('passes values through while they keep coming', async () => {
    const out: number[] = [];
    for await (const v of stallGuarded(slow([1, 2, 3]), 'test', { ms: 200 })) out.push(v);
    expect(out).toEqual([1, 2, 3]);
  });
  it('rejects with StalledError when the source stops yielding', async () => {
    const never = (async function* () {
      yield 1;
      await new Promise(() => undefined);
    })();
    const out: number[] = [];
    const run = async () => {
      for await (const v of stallGuarded(never, 'Decoding', { ms: 30 })) out.push(v);
    };
    await expect(run()).rejects.toMatchObject({ name: 'StalledError' });
    expect(out).toEqual([1]);
  });
  it('maps the source’s own errors', async () => {
    const broken = (async function* () {
      yield await Promise.resolve(1);
      throw new Error('decoder died');
    })();
    const run = async () => {
      for await (const v of stallGuarded(broken, 'x', {
        mapError: () => new RangeError('mapped'),
      })) {
        void v;
      }
    };
    await expect(run()).rejects.toThrow(RangeError);
  });
  /** A source that yields `values`, then (if `hang`) never yields again; records whether it was closed. */
  function source(values: number[], hang: boolean, firstDelayMs = 0) {
    const state = { returned: false };
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]() {
        let i = 0;
        return {
          async next() {
            if (i === 0 && firstDelayMs) await new Promise((r) => setTimeout(r, firstDelayMs));
            if (i < values.length) return { value: values[i++]!, done: false };
            if (hang) await new Promise(() => undefined);
            return { value: undefined, done: true };
          },
          return() {
            state.returned = true;
            return Promise.resolve({ value: undefined, done: true as const });
          },
        };
      },
    };
    return { iterable, state };
  }
  async function collect(guarded: AsyncIterable<number>, out: number[]): Promise<void> {
    for await (const v of guarded) out.push(v);
  }

  it('a first frame that stalls is tried once more on a fresh source, and the stuck one is closed', async () => {
    const stuck = source([], true);
    const fresh = source([1, 2], false);
    const opened: string[] = [];
    const out: number[] = [];
    const reopen = () => {
      opened.push('fresh');
      return fresh.iterable;
    };
    await collect(stallGuarded(stuck.iterable, 'Decoding', { ms: 20, firstMs: 40, reopen }), out);
    expect(out).toEqual([1, 2]);
    expect(opened).toEqual(['fresh']);
    expect(stuck.state.returned).toBe(true);
    expect(fresh.state.returned).toBe(true);
  });
  it('a stall part-way is retried on a fresh source that goes on from there', async () => {
    const first = source([1, 2], true);
    const out: number[] = [];
    const reopen = () => source([out.length + 1, out.length + 2], false).iterable;
    await collect(stallGuarded(first.iterable, 'Decoding', { ms: 20, reopen }), out);
    expect(out).toEqual([1, 2, 3, 4]);
    expect(first.state.returned).toBe(true);
  });
  it('retries only once: a fresh source that stalls too is refused, through mapError', async () => {
    let reopened = 0;
    const reopen = () => {
      reopened++;
      return source([], true).iterable;
    };
    const out: number[] = [];
    const run = collect(
      stallGuarded(source([7], true).iterable, 'Decoding', {
        ms: 20,
        reopen,
        mapError: (e: unknown) => new RangeError(`mapped ${(e as Error).name}`),
      }),
      out,
    );
    await expect(run).rejects.toThrow('mapped StalledError');
    expect(reopened).toBe(1);
    expect(out).toEqual([7]);
  });
  it('the fresh source gets the ordinary limit for its first frame, not the start-up one', async () => {
    const slowFresh = source([1], false, 80);
    const run = collect(
      stallGuarded(source([], true).iterable, 'Decoding', {
        ms: 30,
        firstMs: 200,
        reopen: () => slowFresh.iterable,
      }),
      [],
    );
    await expect(run).rejects.toMatchObject({ name: 'StalledError' });
  });
  it('a decoder error is not retried, only mapped', async () => {
    let reopened = 0;
    const broken: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('EncodingError')) }),
    };
    const run = collect(
      stallGuarded(broken, 'x', {
        reopen: () => {
          reopened++;
          return source([1], false).iterable;
        },
        mapError: () => new RangeError('damaged'),
      }),
      [],
    );
    await expect(run).rejects.toThrow(RangeError);
    expect(reopened).toBe(0);
  });
  it('retryOnce runs a stalled run once more, and passes on a second stall or any other error', async () => {
    const signal = new AbortController().signal;
    const liveness = new PassLiveness('Export');
    const stall = () => new StalledError('Export: no frame for 20 ms');
    let runs = 0;
    const stallsOnce = () => (++runs === 1 ? Promise.reject(stall()) : Promise.resolve('ok'));
    await expect(liveness.retryOnce(stallsOnce, signal)).resolves.toBe('ok');
    expect(runs).toBe(2);
    runs = 0;
    const stallsAlways = () => (++runs, Promise.reject(stall()));
    await expect(liveness.retryOnce(stallsAlways, signal)).rejects.toMatchObject({
      name: 'StalledError',
    });
    expect(runs).toBe(2);
    runs = 0;
    const damaged = () => (++runs, Promise.reject(new RangeError('damaged')));
    await expect(liveness.retryOnce(damaged, signal)).rejects.toThrow(RangeError);
    expect(runs).toBe(1);
    const cancelled = new AbortController();
    cancelled.abort();
    runs = 0;
    await expect(liveness.retryOnce(stallsAlways, cancelled.signal)).rejects.toMatchObject({
      name: 'StalledError',
    });
    expect(runs).toBe(1);
  });
  it('StallTimer rejects a promise that is not poked in time, and not one that is', async () => {
    const timer = new StallTimer('Export', 40);
    await expect(timer.race(new Promise(() => undefined))).rejects.toMatchObject({
      name: 'StalledError',
    });
    const poked = new StallTimer('Export', 40);
    const work = new Promise<string>((resolve) => {
      let n = 0;
      const tick = setInterval(() => {
        poked.poke();
        if (++n === 5) {
          clearInterval(tick);
          resolve('ok');
        }
      }, 20);
    });
    await expect(poked.race(work)).resolves.toBe('ok');
  });
  /** A source whose one value comes after `ms`; counts how often it was started. */
  function late(value: number, ms: number) {
    const state = { started: 0 };
    const iterable: AsyncIterable<number> = {
      async *[Symbol.asyncIterator]() {
        state.started++;
        await new Promise((r) => setTimeout(r, ms));
        yield value;
      },
    };
    return { iterable, state };
  }
  it('while the tab’s decoders are held up, a pause is waited out on the same decoder', async () => {
    const slow = late(5, 120);
    const fresh = late(6, 0);
    const out: number[] = [];
    let asked = 0;
    const starved = () => Promise.resolve(++asked > 0);
    const reopen = () => fresh.iterable;
    await collect(
      stallGuarded(slow.iterable, 'Decoding', { ms: 30, firstMs: 30, reopen, starved }),
      out,
    );
    expect(out).toEqual([5]);
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(fresh.state.started).toBe(0);
  });
  it('a pause while decoders do run is a stall as before (retried, then refused)', async () => {
    const out: number[] = [];
    const starved = () => Promise.resolve(false);
    const run = collect(
      stallGuarded(source([1], true).iterable, 'Decoding', {
        ms: 20,
        reopen: () => source([], true).iterable,
        starved,
      }),
      out,
    );
    await expect(run).rejects.toMatchObject({ name: 'StalledError' });
    expect(out).toEqual([1]);
  });
  it('waits out held-up decoders only up to its budget for the whole pass', async () => {
    const told: number[] = [];
    const before = starvedWaitTotalMs();
    const wait = new StarvedWait(() => Promise.resolve(true), 'Decoding', {
      maxMs: 100,
      onWait: (ms) => told.push(ms),
    });
    expect(await wait.waitOn(40)).toBe(true);
    expect(await wait.waitOn(40)).toBe(true);
    expect(await wait.waitOn(40)).toBe(false);
    const running = new StarvedWait(() => Promise.resolve(false), 'Decoding', { maxMs: 100 });
    expect(await running.waitOn(40)).toBe(false);
    // The pass is told how long it has waited; the worker's tally counts only the waits taken.
    expect(told).toEqual([40, 80]);
    expect(starvedWaitTotalMs() - before).toBe(80);
  });
  it('a pause is asked about every probeMs: held-up time does not count toward the stall limit', async () => {
    const out: number[] = [];
    const started = Date.now();
    // Held up for the first 70 ms, then running: 100 ms of silence, past the 80 ms limit, but only the last
    // 20-40 ms of it count (asked every 20 ms). Asked only at the limit, it would be a stall.
    const starved = () => Promise.resolve(Date.now() - started < 70);
    const silent = late(7, 100).iterable;
    await collect(
      stallGuarded(silent, 'Decoding', { ms: 80, firstMs: 80, starved, probeMs: 20 }),
      out,
    );
    expect(out).toEqual([7]);
    const timerStarted = Date.now();
    const heldThenRunning = () => Promise.resolve(Date.now() - timerStarted < 70);
    const quiet = new StallTimer('Export', 80, { starved: heldThenRunning, probeMs: 20 });
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('ok'), 100));
    await expect(quiet.race(work)).resolves.toBe('ok');
  });
  it('countingStarved waits without a limit and counts only the held-up time as the browser’s', async () => {
    const slow = (ms: number) =>
      new Promise<string>((resolve) => setTimeout(() => resolve('open'), ms));
    const told: number[] = [];
    const before = starvedWaitTotalMs();
    const held = { starved: () => Promise.resolve(true), onStarved: (ms: number) => told.push(ms) };
    expect(await countingStarved(slow(75), 'Opening', { ...held, probeMs: 20 })).toBe('open');
    expect(told.slice(0, 3)).toEqual([20, 40, 60]);
    expect(starvedWaitTotalMs() - before).toBe(told.at(-1));
    const running = { starved: () => Promise.resolve(false), onStarved: () => told.push(-1) };
    expect(await countingStarved(slow(50), 'Opening', { ...running, probeMs: 10 })).toBe('open');
    expect(told).not.toContain(-1);
  });
  it('stallGuarded tells the pass each time it waits on held-up decoders', async () => {
    const told: number[] = [];
    const out: number[] = [];
    const starved = () => Promise.resolve(true);
    const onStarved = (ms: number) => told.push(ms);
    await collect(
      stallGuarded(late(5, 75).iterable, 'Decoding', { ms: 30, firstMs: 30, starved, onStarved }),
      out,
    );
    expect(out).toEqual([5]);
    expect(told).toEqual([30, 60]);
  });
  it('StallTimer waits out held-up decoders, then rejects once its budget is spent', async () => {
    let checks = 0;
    const starved = () => Promise.resolve(++checks < 3);
    const timer = new StallTimer('Export', 20, { starved });
    const started = Date.now();
    await expect(timer.race(new Promise(() => undefined))).rejects.toMatchObject({
      name: 'StalledError',
    });
    expect(checks).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const resumed = new StallTimer('Export', 20, { starved: () => Promise.resolve(true) });
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('ok'), 70));
    await expect(resumed.race(work)).resolves.toBe('ok');
  });
});

describe('failedFrame and a dead detector', () => {
  it('does not record a stall as a failed frame: the pass stops', async () => {
    const { StalledError } = await import('./errors.ts');
    const signal = new AbortController().signal;
    expect(() => failedFrame(3, 0, new StalledError('no answer'), signal)).toThrow('no answer');
  });
});

describe('decodeFailure', () => {
  const signal = new AbortController().signal;
  it('names a stall before the first frame NoDecodableFramesError; a later one ends analysis', () => {
    const stall = new StalledError('no frame');
    expect(decodeFailure(stall, 0, signal)).toMatchObject({ name: 'NoDecodableFramesError' });
    expect(decodeFailure(stall, 12, signal)).toMatchObject({ name: 'DecoderStalled' });
    expect(decodeFailure(stall, 0, signal, 'check')).toBe(stall);
  });
  it('names any other decoder error DamagedVideoError, with the frame', () => {
    const error = decodeFailure(new DOMException('Decoding error.', 'EncodingError'), 9, signal);
    expect(error).toMatchObject({ name: 'DamagedVideoError' });
    expect((error as Error).message).toContain('frame 9');
  });
  it('passes a cancel through', () => {
    const stop = new DOMException('stop', 'AbortError');
    expect(decodeFailure(stop, 3, signal)).toBe(stop);
  });
});

describe('decoder failure recovery', () => {
  it('loses the frames after the last recorded one up to the next key frame, in order', () => {
    const packets = [0, 100, 300, 200, 400, 500, 600];
    expect(lostFrames(packets, 100, 500)).toEqual([200, 300, 400]);
    expect(lostFrames(packets, undefined, 200)).toEqual([0, 100]);
  });
  it('loses everything after the failure when no key frame follows', () => {
    expect(lostFrames([0, 100, 200, 300], 100, undefined)).toEqual([200, 300]);
  });
  it('the fault hook throws once at its frame, counting only new frames, and closes the sample', async () => {
    const closed: number[] = [];
    const sample = (t: number) => ({ timestamp: t, close: () => closed.push(t) }) as never;
    async function* decoded() {
      for (const t of [0, 1, 2, 3, 4]) yield await Promise.resolve(sample(t));
    }
    const faults = new Set([3]);
    const seen: number[] = [];
    const isOld = (s: { timestamp: number }) => s.timestamp < 1;
    const run = async () => {
      for await (const s of withDecodeFaults(decoded(), faults, 2, isOld)) {
        seen.push(s.timestamp);
      }
    };
    // Index 2 is the sample at t = 1 (t = 0 is skipped as already recorded); index 3 is t = 2.
    await expect(run()).rejects.toMatchObject({ name: 'EncodingError' });
    expect(seen).toEqual([0, 1]);
    expect(closed).toEqual([2]);
    expect(faults.size).toBe(0);
    // Once fired, the fault is gone: the same frames decode.
    seen.length = 0;
    await run();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('stallLimitMs', () => {
  it('is STALL_MIN_MS for a small picture and grows to STALL_MS at 8K', async () => {
    const { STALL_MIN_MS, STALL_MS, stallLimitMs } = await import('./stall.ts');
    expect(stallLimitMs(160, 120)).toBeGreaterThanOrEqual(STALL_MIN_MS);
    expect(stallLimitMs(160, 120)).toBeLessThan(STALL_MIN_MS + 20);
    expect(stallLimitMs(1280, 720)).toBeLessThan(stallLimitMs(3840, 2160));
    expect(stallLimitMs(7680, 4320)).toBe(STALL_MS);
    expect(stallLimitMs(16000, 16000)).toBe(STALL_MS);
  });
});

describe('decodeErrorAsDamage', () => {
  it('names a decoder error during export DamagedVideoError and leaves other errors alone', async () => {
    const { decodeErrorAsDamage } = await import('./export.ts');
    const decoding = new DOMException('Decoding error.', 'EncodingError');
    expect(decodeErrorAsDamage(decoding)).toMatchObject({ name: 'DamagedVideoError' });
    const encoding = new DOMException('Encoder failure.', 'EncodingError');
    expect(decodeErrorAsDamage(encoding)).toBe(encoding);
    const stall = new StalledError('Decoding: no frame');
    expect(decodeErrorAsDamage(stall)).toBe(stall);
  });
});
