/** Units per second since construction, for progress and ETA. */
export class RateMeter {
  private readonly start = performance.now();
  private readonly from: number;

  /** `from`: the units already done before this run (a resumed pass), which are not this run's speed. */
  constructor(from = 0) {
    this.from = from;
  }

  perSecond(done: number, now = performance.now()): number {
    const seconds = (now - this.start) / 1000;
    return seconds > 0 ? Math.max(0, done - this.from) / seconds : 0;
  }
}
