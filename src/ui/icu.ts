/**
 * The small part of ICU MessageFormat the catalogue uses: `{name}` placeholders and
 * `{name, plural, one {# frame} other {# frames}}` (also `=0 {…}`), with the category chosen by the
 * platform's Intl.PluralRules and numbers written the language's way. Plural branches hold plain text and `#`.
 */
import { formatNumber, pluralCategory } from './format.ts';
import type { Lang } from './messages.ts';

export type MessageValues = Record<string, string | number>;

const PLURAL =
  /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function written(lang: Lang, value: string | number): string {
  return typeof value === 'number' ? formatNumber(lang, value) : value;
}

function pluralBranch(lang: Lang, count: number, branches: string): string | undefined {
  const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1], m[2]]));
  const text =
    forms.get(`=${count}`) ?? forms.get(pluralCategory(lang, count)) ?? forms.get('other');
  return text?.replaceAll('#', formatNumber(lang, count));
}

/** The message with its plural blocks resolved and each `{name}` replaced by `values[name]`. */
export function formatMessage(lang: Lang, message: string, values: MessageValues): string {
  const plurals = message.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = values[name];
    if (typeof count !== 'number') return whole;
    return pluralBranch(lang, count, branches) ?? whole;
  });
  return plurals.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : written(lang, value);
  });
}
