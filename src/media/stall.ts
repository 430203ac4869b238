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

/** Detection gets longer per frame (a slow device, many tiles); past this its worker is taken as dead. */
export const DETECT_DEADLINE_MS = 60_000;

export type StallGuardOptions<T> = {
  /** Names a failure of `next()`, or a stall that is not retried (default: unchanged). */
  mapError?: (error: unknown) => unknown;
  /** The limit for each value after the first. */
  ms?: number;
  /** The limit for the first value, which includes starting the decoder. */
  firstMs?: number;
  /**
   * A fresh source that goes on where this one stands (a new decoder). A stall is retried once on it, with
   * the ordinary limit `ms`, before it is refused: a healthy decoder now and then stops giving frames for
   * seconds on a loaded machine (docs/ROBUSTNESS.md, "Stalls").
   */
  reopen?: () => AsyncIterable<T>;
};

/** Whether `error` is a `StalledError` (a pass or worker that stopped answering in time). */
export function isStall(error: unknown): error is Error {
  return error instanceof Error && error.name === 'StalledError';
}

/** The next value of `iterator`, or a `StalledError` after `ms`. */
async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  ms: number,
  what: string,
): Promise<IteratorResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StalledError(`${what}: no frame for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([iterator.next(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes an iterator without waiting: a stuck one would never settle its return(). */
function abandon<T>(iterator: AsyncIterator<T>): void {
  void iterator.return?.()?.catch(() => undefined);
}

/**
 * Each `next()` of `source` that takes longer than `ms` (`firstMs` for the first value) stalls. With
 * `reopen`, the first stall abandons `source` and goes on once with a fresh one; a stall without a retry
 * left rejects with `StalledError`. That and any error `next()` throws go through `mapError` (which tells a
 * decoder failure from the caller's own errors).
 */
export async function* stallGuarded<T>(
  source: AsyncIterable<T>,
  what: string,
  { mapError = (error) => error, ms = STALL_MS, firstMs, reopen }: StallGuardOptions<T> = {},
): AsyncGenerator<T> {
  let iterator = source[Symbol.asyncIterator]();
  let limit = firstMs ?? Math.max(ms, STALL_MS);
  let retry = reopen;
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await nextWithin(iterator, limit, what);
      } catch (error) {
        if (!isStall(error)) throw mapError(error);
        if (!retry) {
          const mapped = mapError(error);
          throw mapped instanceof Error ? mapped : error;
        }
        console.warn(`Garim: ${error.message}; trying once more with a fresh decoder`);
        abandon(iterator);
        iterator = retry()[Symbol.asyncIterator]();
        retry = undefined;
        limit = ms;
        continue;
      }
      limit = ms;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    abandon(iterator);
  }
}

/** A timer that rejects `promise` with `StalledError` unless `poke()` is called at least every `ms`. */
export class StallTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reject: ((error: Error) => void) | undefined;
  private readonly what: string;
  private readonly ms: number;

  constructor(what: string, ms = STALL_MS) {
    this.what = what;
    this.ms = ms;
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
    clearTimeout(this.timer);
    const reject = this.reject;
    if (!reject) return;
    this.timer = setTimeout(
      () => reject(new StalledError(`${this.what}: no frame for ${this.ms} ms`)),
      this.ms,
    );
  }

  stop(): void {
    clearTimeout(this.timer);
    this.reject = undefined;
  }
}

/** `promise`, or a `StalledError` after `ms` (a detector that died never answers). */
export function deadline<T>(
  promise: Promise<T>,
  what: string,
  ms = DETECT_DEADLINE_MS,
): Promise<T> {
  return new StallTimer(what, ms).race(promise);
}
