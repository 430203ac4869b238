/**
 * The only place that converts between microseconds, seconds and frame indices. Inside the app time is an
 * integer frame index; the demuxer's timestamps are kept per frame (µs) and handed back to the muxer.
 */
export const US_PER_SECOND = 1_000_000;

export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_SECOND);
}

export function usToSeconds(us: number): number {
  return us / US_PER_SECOND;
}

/** Maps a frame's timestamp back to its index, tolerating the float noise of seconds ↔ µs round trips. */
export class FrameIndexByTimestamp {
  private readonly byUs = new Map<number, number>();

  constructor(timestampsUs: readonly number[]) {
    timestampsUs.forEach((us, index) => this.byUs.set(us, index));
  }

  indexOfSeconds(seconds: number): number | undefined {
    const us = secondsToUs(seconds);
    return this.byUs.get(us) ?? this.byUs.get(us - 1) ?? this.byUs.get(us + 1);
  }
}

/** Estimated seconds left for `remaining` units at `unitsPerSecond`; undefined until a rate is known. */
export function etaSeconds(remaining: number, unitsPerSecond: number): number | undefined {
  if (!(unitsPerSecond > 0) || remaining < 0) return undefined;
  return remaining / unitsPerSecond;
}
