/**
 * Where a worker's time goes: milliseconds and counts per named stage of a pass (decode wait, face
 * inference, …). Costs one `performance.now()` pair per stage; read by `npm run bench` through
 * `window.__garim.analysisProfile()` (docs/BENCH.md, `detail.profile`).
 */

export type StageTotals = Record<string, { ms: number; count: number }>;

export class StageClock {
  private totals: StageTotals = {};

  add(stage: string, ms: number): void {
    const entry = (this.totals[stage] ??= { ms: 0, count: 0 });
    entry.ms += ms;
    entry.count++;
  }

  /** Times `work` (sync, or until its promise settles) under `stage`. */
  time<T>(stage: string, work: () => T): T {
    const start = performance.now();
    const value = work();
    if (value instanceof Promise) {
      return value.finally(() => this.add(stage, performance.now() - start)) as T;
    }
    this.add(stage, performance.now() - start);
    return value;
  }

  snapshot(): StageTotals {
    return structuredClone(this.totals);
  }

  reset(): void {
    this.totals = {};
  }
}

/** This worker's clock (each worker has its own copy of this module). */
export const workerClock = new StageClock();
