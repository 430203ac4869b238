import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WatchedJob, Watchdog } from './watchdog.ts';

describe('Watchdog', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fires once after `ticks` checks without a feed', () => {
    const onStall = vi.fn();
    new Watchdog(onStall, 3, 100);
    vi.advanceTimersByTime(299);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStall).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(onStall).toHaveBeenCalledTimes(1);
  });

  it('does not fire while fed, nor after stop', () => {
    const onStall = vi.fn();
    const dog = new Watchdog(onStall, 3, 100);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(100);
      dog.feed();
    }
    dog.stop();
    vi.advanceTimersByTime(10_000);
    expect(onStall).not.toHaveBeenCalled();
  });
});

describe('WatchedJob', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is aborted with a StalledError when it starves, and says it stalled', () => {
    const job = new WatchedJob(3, 100);
    vi.advanceTimersByTime(300);
    expect(job.signal.aborted).toBe(true);
    expect(job.stalled).toBe(true);
    expect((job.signal.reason as Error).name).toBe('StalledError');
  });

  it('a cancel is no stall; a fed or stopped job is not aborted', () => {
    const fed = new WatchedJob(3, 100);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(100);
      fed.feed();
    }
    fed.stop();
    vi.advanceTimersByTime(10_000);
    expect(fed.signal.aborted).toBe(false);
    const cancelled = new WatchedJob(3, 100);
    cancelled.cancel();
    expect(cancelled.signal.aborted).toBe(true);
    expect(cancelled.stalled).toBe(false);
    cancelled.stop();
  });
});
