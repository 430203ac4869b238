import { describe, expect, it } from 'vitest';
import { CATALOGUES, detectLang, errorMessage, formatDuration, translate } from './messages.ts';

describe('catalogues', () => {
  it('ko and en have exactly the same keys', () => {
    expect(Object.keys(CATALOGUES.ko).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
  });
  it('no message is empty or just whitespace', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });
  it('every placeholder of a message is in both languages', () => {
    // `{name}` or `{name, plural, …}`; not a plural branch's text (`=0 {none …}`).
    const names = (text: string) =>
      [...new Set([...text.matchAll(/\{(\w+)\s*[},]/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(CATALOGUES.en) as (keyof typeof CATALOGUES.en)[]) {
      expect(names(CATALOGUES.ko[key]), key).toEqual(names(CATALOGUES.en[key]));
    }
  });
  it('the Korean catalogue is actually Korean', () => {
    expect(translate('ko', 'cancel')).toBe('취소');
    expect(translate('en', 'cancel')).toBe('Cancel');
    const hangul = Object.values(CATALOGUES.ko).filter((t) => /[\uac00-\ud7a3]/.test(t));
    // every entry but a few technical ones ('fps') contains Hangul
    expect(hangul.length).toBeGreaterThan(Object.keys(CATALOGUES.ko).length - 3);
  });
});

describe('detectLang', () => {
  it('picks the first supported language', () => {
    expect(detectLang(['ko-KR'])).toBe('ko');
    expect(detectLang(['ko'])).toBe('ko');
    expect(detectLang(['KO-kr'])).toBe('ko');
    expect(detectLang(['fr', 'en-US'])).toBe('en');
    expect(detectLang(['fr', 'ko-KR', 'en-US'])).toBe('ko');
    expect(detectLang(['en-GB', 'ko-KR'])).toBe('en');
  });
  it('falls back to English', () => {
    expect(detectLang([])).toBe('en');
    expect(detectLang(['fr-FR', 'ja'])).toBe('en');
    expect(detectLang(['kok'])).toBe('en');
  });
});

describe('errorMessage', () => {
  it('gives the catalogue sentence for known error names, without the technical detail', () => {
    expect(errorMessage('en', 'EmptyFileError', 'size=0')).toBe(
      CATALOGUES.en['error.EmptyFileError'],
    );
    expect(errorMessage('ko', 'EmptyFileError', 'size=0')).toBe(
      CATALOGUES.ko['error.EmptyFileError'],
    );
    expect(errorMessage('en', 'EmptyFileError', 'size=0')).not.toContain('size=0');
  });
  it('gives the generic sentence plus the detail for unknown errors', () => {
    const en = errorMessage('en', 'TypeError', 'x is not a function');
    expect(en.startsWith(CATALOGUES.en['error.unknown'])).toBe(true);
    expect(en).toContain('x is not a function');
    const ko = errorMessage('ko', 'WeirdError', 'boom');
    expect(ko.startsWith(CATALOGUES.ko['error.unknown'])).toBe(true);
    expect(ko).toContain('boom');
  });
  it('is not fooled by Object.prototype names', () => {
    expect(errorMessage('en', 'toString', 'detail')).toContain('detail');
    expect(errorMessage('en', '', 'detail')).toContain('detail');
  });
});

describe('formatDuration', () => {
  it('formats minutes and zero-padded seconds per language', () => {
    expect(formatDuration('en', 75)).toBe('1:15');
    expect(formatDuration('en', 5)).toBe('0:05');
    expect(formatDuration('ko', 75)).toBe('1분 15초');
    expect(formatDuration('en', 59.6)).toBe('1:00');
    expect(formatDuration('en', -3)).toBe('0:00');
  });
});
