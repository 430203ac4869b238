import { describe, expect, it } from 'vitest';
import { formatMessage } from './icu.ts';
import { CATALOGUES } from './messages.ts';

const FRAMES = 'Failed on {count, plural, =0 {no frame} one {# frame} other {# frames}}.';

describe('formatMessage', () => {
  it('picks the English plural form by count', () => {
    expect(formatMessage('en', FRAMES, { count: 0 })).toBe('Failed on no frame.');
    expect(formatMessage('en', FRAMES, { count: 1 })).toBe('Failed on 1 frame.');
    expect(formatMessage('en', FRAMES, { count: 2 })).toBe('Failed on 2 frames.');
    expect(formatMessage('en', FRAMES, { count: 12345 })).toBe('Failed on 12,345 frames.');
  });
  it('uses "other" where the language has no "one" (Korean)', () => {
    const ko = '{count, plural, one {한 개} other {#개}}';
    expect(formatMessage('ko', ko, { count: 1 })).toBe('1개');
    expect(formatMessage('ko', ko, { count: 3 })).toBe('3개');
  });
  it('fills placeholders, numbers written the language way, and leaves unknown ones', () => {
    expect(formatMessage('en', '{a} of {b} ({c})', { a: 1500, b: 'x' })).toBe('1,500 of x ({c})');
  });
  it('resolves every plural message of both catalogues without leftovers', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (!text.includes(', plural,')) continue;
        const values: Record<string, number> = {};
        for (const m of text.matchAll(/\{(\w+)/g)) values[m[1] ?? ''] = 2;
        const out = formatMessage(lang as 'ko' | 'en', text, values);
        expect(out, `${lang}.${key}`).not.toMatch(/[{}#]/);
      }
    }
  });
});
