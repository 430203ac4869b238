import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMb, formatNumber } from './format.ts';

describe('formatNumber', () => {
  it('groups digits and fixes the decimals per language', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('ko', 12345)).toBe('12,345');
    expect(formatNumber('en', 29.97, 1)).toBe('30.0');
    expect(formatNumber('ko', 2.5, 1)).toBe('2.5');
  });
  it('writes sizes in MB (2^20 bytes)', () => {
    expect(formatMb('en', 3 * 1_048_576)).toBe('3.0 MB');
    expect(formatMb('en', 1234.5 * 1_048_576)).toBe('1,234.5 MB');
    expect(formatMb('ko', 3 * 1_048_576)).toMatch(/^3\.0\s?MB$/);
  });
  it('writes dates the language way', () => {
    const noon = Date.UTC(2026, 10, 30, 12, 0);
    expect(formatDateTime('en', noon)).toContain('2026');
    expect(formatDateTime('en', noon)).toContain('Nov');
    expect(formatDateTime('ko', noon)).toMatch(/^2026\. 11\. 30\./);
  });
});
