import type { Lang } from './messages.ts';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ko: 'ko-KR' };

/** A number as the chosen language writes it (digit grouping, decimal mark), with `digits` decimals. */
export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A size in MB (1 MB = 2^20 bytes), number and unit both as the language writes them. */
export function formatMb(lang: Lang, bytes: number): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    style: 'unit',
    unit: 'megabyte',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1_048_576);
}

/** A moment (epoch ms) as a short date and time in the chosen language. */
export function formatDateTime(lang: Lang, epochMs: number): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(
    epochMs,
  );
}

/** The CLDR plural category of `count` in the chosen language ('one', 'other', …). */
export function pluralCategory(lang: Lang, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(LOCALE[lang]).select(count);
}
