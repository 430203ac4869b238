import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Watchdog } from './watchdog.ts';

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
