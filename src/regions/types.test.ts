import { describe, expect, it } from 'vitest';
import { clampPadding, DEFAULT_REDACTION, MAX_PADDING, MIN_PADDING } from './types.ts';

describe('clampPadding', () => {
  it('keeps the values offered (1.1 to 2.0, in tenths) as they are', () => {
    for (let tenths = 11; tenths <= 20; tenths++) {
      expect(clampPadding(tenths / 10)).toBe(tenths / 10);
    }
    expect(clampPadding(DEFAULT_REDACTION.padding)).toBe(1.3);
  });

  it('never grows a box less than the floor nor more than the ceiling', () => {
    expect(clampPadding(1)).toBe(MIN_PADDING);
    expect(clampPadding(0.5)).toBe(MIN_PADDING);
    expect(clampPadding(-3)).toBe(MIN_PADDING);
    expect(clampPadding(2.4)).toBe(MAX_PADDING);
    expect(clampPadding(100)).toBe(MAX_PADDING);
  });

  it('rounds to a tenth, as the slider steps', () => {
    expect(clampPadding(1.44)).toBe(1.4);
    expect(clampPadding(1.46)).toBe(1.5);
    expect(clampPadding(1.3000000000000003)).toBe(1.3);
  });

  it('falls back to the default for a value that is no number', () => {
    expect(clampPadding(Number.NaN)).toBe(DEFAULT_REDACTION.padding);
    expect(clampPadding(Number.POSITIVE_INFINITY)).toBe(DEFAULT_REDACTION.padding);
  });
});
