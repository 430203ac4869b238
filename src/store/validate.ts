/**
 * Small path-aware readers for untrusted values (records read back from IndexedDB, imported project
 * files). Each reader returns the value when it is sound, otherwise `undefined` after adding a readable
 * problem such as "tracks[2].points[5].box.w is NaN, expected a number ≥ 0" to `problems`.
 */
export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** How a wrong value looks, in words: "is missing", "is NaN", "is text", … */
export function describe(value: unknown): string {
  if (value === undefined) return 'is missing';
  if (value === null) return 'is null';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'is NaN';
    return Number.isFinite(value) ? `is ${value}` : 'is infinite';
  }
  if (Array.isArray(value)) return 'is a list';
  if (typeof value === 'string') return value.length > 40 ? 'is text' : `is "${value}"`;
  return `is ${typeof value === 'object' ? 'an object' : typeof value}`;
}

export function complain(problems: string[], path: string, value: unknown, expected: string): void {
  problems.push(`${path || 'value'} ${describe(value)}, expected ${expected}`);
}

export function readObject(value: unknown, path: string, problems: string[]): Obj | undefined {
  if (isObject(value)) return value;
  complain(problems, path, value, 'an object');
  return undefined;
}

export function readString(o: Obj, key: string, path: string, problems: string[]) {
  const value = o[key];
  if (typeof value === 'string') return value;
  complain(problems, at(path, key), value, 'text');
  return undefined;
}

export function readBoolean(o: Obj, key: string, path: string, problems: string[]) {
  const value = o[key];
  if (typeof value === 'boolean') return value;
  complain(problems, at(path, key), value, 'true or false');
  return undefined;
}

export type NumberRule = 'finite' | 'nonNegative' | 'index';

const RULES: Record<NumberRule, { test: (n: number) => boolean; words: string }> = {
  finite: { test: Number.isFinite, words: 'a number' },
  nonNegative: { test: (n) => Number.isFinite(n) && n >= 0, words: 'a number ≥ 0' },
  index: { test: (n) => Number.isSafeInteger(n) && n >= 0, words: 'a whole number ≥ 0' },
};

export function checkNumber(value: unknown, rule: NumberRule, path: string, problems: string[]) {
  if (typeof value === 'number' && RULES[rule].test(value)) return value;
  complain(problems, path, value, RULES[rule].words);
  return undefined;
}

export function readNumber(
  o: Obj,
  key: string,
  rule: NumberRule,
  path: string,
  problems: string[],
) {
  return checkNumber(o[key], rule, at(path, key), problems);
}

export function readOneOf<T extends string>(
  o: Obj,
  key: string,
  values: readonly T[],
  path: string,
  problems: string[],
): T | undefined {
  const value = o[key];
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  complain(problems, at(path, key), value, `one of ${values.join(', ')}`);
  return undefined;
}

export function readArray(o: Obj, key: string, path: string, problems: string[]) {
  const value = o[key];
  if (Array.isArray(value)) return value as unknown[];
  complain(problems, at(path, key), value, 'a list');
  return undefined;
}

/**
 * The record when every field was read soundly, else `undefined` (the readers have said why). Fields
 * that may legitimately be absent are added by the caller afterwards.
 */
export function complete<T extends object>(fields: { [K in keyof T]-?: T[K] | undefined }) {
  return Object.values(fields).every((v) => v !== undefined) ? (fields as T) : undefined;
}
