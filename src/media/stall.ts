/**
 * A guard against passes that stop making progress: a broken file can leave a decoder waiting for data that
 * never comes. The pass is then stopped with a `StalledError` rather than left hanging.
 */
import { StalledError } from './errors.ts';

/** No frame for this long means the decoder is stuck (one frame of 8K takes well under a second). */
export const STALL_MS = 30_000;
/**
 * Once a decoder has given frames, a pause this long (for a small picture; up to `STALL_MS` for 8K) means it
 * is stuck: a damaged packet can leave it waiting for input it will never get. A frame of 720p decodes in a
 * few ms here, so this is over 1000× the normal gap, even on a loaded machine.
 */
export const STALL_MIN_MS = 8_000;
const PIXELS_8K = 7680 * 4320;

/** The stall limit for a picture of `width`×`height`: `STALL_MIN_MS`, growing with the picture to `STALL_MS`. */
export function stallLimitMs(width: number, height: number): number {
  const share = Math.min(1, Math.max(0, (width * height) / PIXELS_8K));
  return Math.round(STALL_MIN_MS + (STALL_MS - STALL_MIN_MS) * share);
}

/**
 * While the tab's decoders are held up (`starved`), one pass waits out its stalls for up to this long in
 * all before a stall counts again: a minute of that was measured on a 2-core machine short of CPU.
 */
export const STARVED_MAX_MS = 120_000;

/** Detection gets longer per frame (a slow device, many tiles); past this its worker is taken as dead. */
export const DETECT_DEADLINE_MS = 60_000;

/** How a pass tells held-up decoders from a stuck one, and is told when it waits on them. */
export type StarvedProbe = {
  /**
   * Whether every decoder of the tab is held up just now (`decodersStarved`, a known-good canary frame).
   * When it says so, a pause is not this pass's fault: it is waited out, up to `STARVED_MAX_MS` in all for
   * the pass, instead of being retried or refused.
   */
  starved?: () => Promise<boolean>;
  /** Told, after each wait on held-up decoders, how long this pass has waited so far (for the progress). */
  onStarved?: (waitedMs: number) => void;
  /** How often a pause asks `starved` (default `STARVED_PROBE_MS`; shorter in unit tests). */
  probeMs?: number;
  /** Told at each value the guard passes on (the pass's heartbeat; the caller throttles it). */
  onAlive?: () => void;
};

/** All the waiting on held-up decoders this worker has done (`window.__garim.starvedWaitMs()`, e2e bounds). */
let starvedTotalMs = 0;

export function starvedWaitTotalMs(): number {
  return starvedTotalMs;
}

/**
 * How often a pass without a frame asks whether the tab's decoders are held up: soon enough that the page
 * says the browser is busy within seconds, and the wait is counted as the browser's, not the file's.
 */
export const STARVED_PROBE_MS = 5_000;

type StarvedWaitOptions = {
  maxMs?: number;
  onWait?: (waitedMs: number) => void;
  probeMs?: number;
};

/** The waiting a pass may still do while the tab's decoders are held up (shared by its stalls). */
export class StarvedWait {
  private waited = 0;
  private readonly starved: () => Promise<boolean>;
  private readonly what: string;
  private readonly maxMs: number;
  private readonly onWait: ((waitedMs: number) => void) | undefined;
  /** How often a pass without a frame asks (`STARVED_PROBE_MS`). */
  readonly probeMs: number;

  constructor(starved: () => Promise<boolean>, what: string, options: StarvedWaitOptions = {}) {
    this.starved = starved;
    this.what = what;
    this.maxMs = options.maxMs ?? STARVED_MAX_MS;
    this.onWait = options.onWait;
    this.probeMs = options.probeMs ?? STARVED_PROBE_MS;
  }

  /**
   * After `ms` without a frame: true if the tab's decoders are held up (the `ms` are the browser's, counted
   * against the pass's budget), false if they run or the budget is spent.
   */
  async waitOn(ms: number): Promise<boolean> {
    if (this.waited + ms > this.maxMs) return false;
    if (!(await this.starved())) return false;
    this.waited += ms;
    starvedTotalMs += ms;
    console.warn(
      `Garim: ${this.what}: nothing for ${ms} ms, and no decoder in this tab is being run just now; waiting on (${this.waited} ms so far)`,
    );
    this.onWait?.(this.waited);
    return true;
  }
}

/** Whether `error` is a `StalledError` (a pass or worker that stopped answering in time). */
export function isStall(error: unknown): error is Error {
  return error instanceof Error && error.name === 'StalledError';
}

const TIMED_OUT = Symbol('timed out');

/** `promise`'s value, or `late` if it has not settled after `ms`. */
export async function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes an iterator without waiting: a stuck one would never settle its return(). */
function abandon<T>(iterator: AsyncIterator<T>): void {
  void iterator.return?.()?.catch(() => undefined);
}

export type ValuesOptions = {
  /** The limit for the first value, which includes starting a decoder (default: `STALL_MS` at least). */
  firstMs?: number;
  /** Names a failure of `next()`, or a stall that is not retried (default: unchanged). */
  mapError?: (error: unknown) => unknown;
};

/**
 * One pass's liveness policy, in one place (docs/ROBUSTNESS.md, "Stalls"): each pass — analysis, the
 * self-check, salvage's decode-only pass, export, opening a file — makes one and asks it for what it
 * waits on. It owns the stall limit (`ms`, from the picture's size: `stallLimitMs`), the start-up limit,
 * retry-once (a healthy decoder now and then stops giving frames for seconds on a loaded machine: one fresh
 * try before a stall is refused), the starvation probe and the pass's waiting budget (`StarvedWait`: time
 * in which every decoder of the tab is held up is waited out and does not count), and telling the pass
 * each time it waits (`onStarved`, which the media worker sends to the page as its heartbeat's wait).
 */
export class PassLiveness {
  readonly what: string;
  readonly ms: number;
  private readonly probe: StarvedProbe;
  /** The waiting the pass may still do on held-up decoders, shared by everything it waits on. */
  private readonly wait: StarvedWait | undefined;

  constructor(what: string, ms = STALL_MS, probe: StarvedProbe = {}) {
    this.what = what;
    this.ms = ms;
    this.probe = probe;
    const { starved, onStarved, probeMs } = probe;
    this.wait = starved && new StarvedWait(starved, what, { onWait: onStarved, probeMs });
  }

  /** A stall timer the pass pokes at each sign of progress (export's frames), on this pass's budget. */
  timer(ms = this.ms): StallTimer {
    return new StallTimer(this.what, ms, { wait: this.wait });
  }

  /**
   * The values of `open()`, each within `ms` (the first within `firstMs`). The first stall abandons the
   * source and goes on once with a fresh `open()` (which must go on from where the pass stands), with the
   * ordinary limit for its first value; a second stall rejects with `StalledError`. That, and any error
   * `next()` throws, go through `mapError` (which tells a decoder failure from the caller's own errors).
   */
  async *values<T>(
    open: () => AsyncIterable<T>,
    { firstMs, mapError = (error) => error }: ValuesOptions = {},
  ): AsyncGenerator<T> {
    let iterator = open()[Symbol.asyncIterator]();
    let limit = firstMs ?? Math.max(this.ms, STALL_MS);
    let retried = false;
    try {
      for (;;) {
        let next: IteratorResult<T>;
        try {
          next = await this.timer(limit).race(iterator.next());
        } catch (error) {
          if (!isStall(error)) throw mapError(error);
          if (retried) {
            const mapped = mapError(error);
            throw mapped instanceof Error ? mapped : error;
          }
          console.warn(`Garim: ${error.message}; trying once more with a fresh decoder`);
          abandon(iterator);
          iterator = open()[Symbol.asyncIterator]();
          retried = true;
          limit = this.ms;
          continue;
        }
        limit = this.ms;
        if (next.done) return;
        this.probe.onAlive?.();
        yield next.value;
      }
    } finally {
      abandon(iterator);
    }
  }

  /**
   * `run()`, once more when it stalls (a fresh run has a fresh decoder and encoder, as `values` retries a
   * stalled decoder once); a second stall, a cancel or any other error is passed on.
   */
  async retryOnce<T>(run: () => Promise<T>, signal: AbortSignal): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (signal.aborted || !isStall(error)) throw error;
      console.warn(`Garim: ${this.what} stalled; trying once more from the start`, error);
      return run();
    }
  }

  /**
   * `promise`, waited on without a limit; while it takes longer than the probe interval, time in which the
   * tab's decoders (and so the browser's shared thread pool) are held up is counted as the browser's and
   * told (`onStarved`). For steps with no stall limit of their own that run on that pool too, such as
   * opening a file (the encoder check, ffmpeg.wasm's compile).
   */
  async counting<T>(promise: Promise<T>): Promise<T> {
    const { starved, onStarved, probeMs } = this.probe;
    if (!starved) return promise;
    const wait = new StarvedWait(starved, this.what, {
      maxMs: Infinity,
      onWait: onStarved,
      probeMs,
    });
    for (;;) {
      const result = await within(promise, wait.probeMs, TIMED_OUT);
      if (result !== TIMED_OUT) return result;
      await wait.waitOn(wait.probeMs);
    }
  }
}

/**
 * The one stall timer: rejects `promise` with `StalledError` unless `poke()` is called at least every `ms`
 * (a decoder's next frame, a whole export, a detection); with `starved`, a pause while the tab's decoders
 * are held up is waited out (`StarvedWait`) and does not count toward `ms`.
 */
export class StallTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reject: ((error: Error) => void) | undefined;
  private readonly what: string;
  private readonly ms: number;
  private readonly wait: StarvedWait | undefined;
  /** Counts pokes, so that a check that outlived a poke leaves the new timer alone. */
  private pokes = 0;
  /** Time since the last poke in which the tab's decoders ran (held-up time does not count). */
  private quietMs = 0;

  /**
   * `wait`: the pass's own waiting budget, shared by its timers (`PassLiveness`); else one of its own is made
   * from `starved`.
   */
  constructor(
    what: string,
    ms = STALL_MS,
    { starved, onStarved, probeMs, wait }: StarvedProbe & { wait?: StarvedWait } = {},
  ) {
    this.what = what;
    this.ms = ms;
    this.wait = wait ?? (starved && new StarvedWait(starved, what, { onWait: onStarved, probeMs }));
  }

  /** Resolves like `promise`, or rejects with `StalledError` after `ms` without a `poke()`. */
  race<T>(promise: Promise<T>): Promise<T> {
    const stalled = new Promise<never>((_, reject) => {
      this.reject = reject;
      this.poke();
    });
    return Promise.race([promise, stalled]).finally(() => this.stop());
  }

  poke(): void {
    this.pokes++;
    this.quietMs = 0;
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const reject = this.reject;
    if (!reject) return;
    const left = this.ms - this.quietMs;
    const step = this.wait ? Math.min(left, this.wait.probeMs) : left;
    this.timer = setTimeout(() => void this.expire(reject, step), step);
  }

  /** `step` without a poke: held-up time is waited out, time the decoders ran counts toward `ms`. */
  private async expire(reject: (error: Error) => void, step: number): Promise<void> {
    const pokes = this.pokes;
    const waitOn = await this.wait?.waitOn(step);
    // A frame came, or the race ended, during the check: the timer is no longer this one's.
    if (this.pokes !== pokes || this.reject !== reject) return;
    if (!waitOn) this.quietMs += step;
    if (this.quietMs >= this.ms) {
      reject(new StalledError(`${this.what}: no frame for ${this.ms} ms`));
    } else this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.reject = undefined;
  }
}

let detectDeadlineMs = DETECT_DEADLINE_MS;

/**
 * Test builds only (media.worker.ts test hooks): a shorter deadline, so that the e2e spec of a dead detect
 * worker does not wait a minute to see it stopped.
 */
export function setDetectDeadline(ms: number): void {
  detectDeadlineMs = ms;
}

/** `promise`, or a `StalledError` after `ms` (a detector that died never answers). */
export function deadline<T>(promise: Promise<T>, what: string, ms = detectDeadlineMs): Promise<T> {
  return new StallTimer(what, ms).race(promise);
}
