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
