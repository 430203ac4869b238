import { StalledError } from '../media/errors.ts';

/**
 * The job's last line against hangs: when a running job sends no update for `ticks` checks in a row, it is
 * stopped (its workers terminated) and reported as `StalledError`. Counting ticks rather than wall time
 * means a blocking dialog (which pauses every timer) does not count as a stall.
 */
export class Watchdog {
  private idle = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(onStall: () => void, ticks = 12, tickMs = 5_000) {
    this.timer = setInterval(() => {
      if (++this.idle >= ticks) {
        this.stop();
        onStall();
      }
    }, tickMs);
  }

  /** Something happened: the job is alive. */
  feed(): void {
    this.idle = 0;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * One job's cancel and its watchdog together: `feed` on every update; a job that sends none for a minute is
 * aborted with a `StalledError` (its `signal.reason`, so `stalled` is read from the signal, not kept).
 */
export class WatchedJob {
  private readonly abort = new AbortController();
  private readonly watchdog: Watchdog;

  constructor(ticks?: number, tickMs?: number) {
    this.watchdog = new Watchdog(
      () => this.abort.abort(new StalledError('The job sent no progress for 60 s')),
      ticks,
      tickMs,
    );
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Aborted by the watchdog (not cancelled by the person). */
  get stalled(): boolean {
    return this.signal.reason instanceof StalledError;
  }

  /** The person cancelled it. */
  cancel(): void {
    this.abort.abort();
  }

  feed(): void {
    this.watchdog.feed();
  }

  /** The job ended: the watchdog stops watching. */
  stop(): void {
    this.watchdog.stop();
  }
}
