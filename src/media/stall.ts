/**
 * A guard against passes that stop making progress: a broken file can leave a decoder waiting for data that
 * never comes. The pass is then stopped with a `StalledError` rather than left hanging.
 */
import { StalledError } from './errors.ts';

/** No frame for this long means the decoder is stuck (one frame of 8K takes well under a second). */
export const STALL_MS = 30_000;
/** Detection gets longer per frame (a slow device, many tiles); past this its worker is taken as dead. */
export const DETECT_DEADLINE_MS = 60_000;

/**
 * Each `next()` of `source` that takes longer than `ms` rejects with `StalledError`. That and any error
 * `next()` throws go through `mapError` (which tells a decoder failure from the caller's own errors).
 */
export async function* stallGuarded<T>(
  source: AsyncIterable<T>,
  what: string,
  mapError: (error: unknown) => unknown = (error) => error,
  ms = STALL_MS,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        const stall = () => {
          const error = new StalledError(`${what}: no frame for ${ms} ms`);
          const mapped = mapError(error);
          reject(mapped instanceof Error ? mapped : error);
        };
        timer = setTimeout(stall, ms);
      });
      let next: IteratorResult<T>;
      try {
        next = await Promise.race([
          iterator.next().catch((e: unknown) => {
            throw mapError(e);
          }),
          stalled,
        ]);
      } finally {
        clearTimeout(timer);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Not awaited: a stuck iterator would never settle its return().
    void iterator.return?.()?.catch(() => undefined);
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
