import type { Lang } from './messages.ts';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ko: 'ko-KR' };

/** A number as the chosen language writes it (digit grouping, decimal mark), with `digits` decimals. */
export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A size in MB (1 MB = 2^20 bytes), localised. */
export function formatMb(lang: Lang, bytes: number): string {
  return `${formatNumber(lang, bytes / 1_048_576, 1)} MB`;
}
