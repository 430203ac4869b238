/** Units per second since construction, for progress and ETA. */
export class RateMeter {
  private readonly start = performance.now();

  perSecond(done: number, now = performance.now()): number {
    const seconds = (now - this.start) / 1000;
    return seconds > 0 ? done / seconds : 0;
  }
}
