import type { Comparison } from "./ast.ts";
import {
  booleanPredicate,
  numberPredicate,
  type Predicate,
  type StringValues,
  stringPredicate,
} from "./compare.ts";
import {
  type BooleanKeyword,
  isBooleanKeyword,
  isNumberKeyword,
  type KeywordName,
  type NumberKeyword,
  type StringKeyword,
} from "./keywords.ts";

/** How each keyword reads its value in one scope; a keyword missing here never matches. */
export interface KeywordReaders<X> {
  readonly boolean: Partial<Record<BooleanKeyword, (subject: X) => boolean>>;
  readonly number: Partial<Record<NumberKeyword, (subject: X) => number | undefined>>;
  readonly string: Partial<Record<StringKeyword, (subject: X) => StringValues>>;
}

const NEVER = (): boolean => false;

export function keywordPredicate<X>(
  readers: KeywordReaders<X>,
  keyword: KeywordName,
  comparison: Comparison | undefined,
): Predicate<X> {
  if (isBooleanKeyword(keyword)) {
    const read = readers.boolean[keyword];
    return read === undefined ? NEVER : booleanPredicate(read, comparison);
  }
  if (isNumberKeyword(keyword)) {
    const read = readers.number[keyword];
    return read === undefined ? NEVER : numberPredicate(read, comparison);
  }
  const read = readers.string[keyword];
  return read === undefined ? NEVER : stringPredicate(read, comparison);
}

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `end_time - start_time`, undefined while in progress. */
export function elapsed(document: { start_time: unknown; end_time?: unknown }): number | undefined {
  const start = finiteOrUndefined(document.start_time);
  const end = finiteOrUndefined(document.end_time);
  return start === undefined || end === undefined ? undefined : end - start;
}
