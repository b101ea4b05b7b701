/** Why a filter expression was refused, placed the way a compiler places its errors. */
export interface FilterError {
  /** The problem and where it is, e.g. `expected a number after '=' at line 1, column 16`. */
  message: string;
  /** UTF-16 offset into the source, and length of the offending text (0 at end of input). */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units from the start of the line. */
  column: number;
  /** What would have been accepted at `offset`, e.g. `["number"]`, `["AND", "OR", ")"]`. */
  expected: string[];
  /** Set when the filter was refused for its size rather than its syntax: the limit passed. */
  limit?: FilterLimit;
}

/**
 * The bounds on one filter: MAX_FILTER_CHARS, MAX_FILTER_TERMS, MAX_NESTING (parser.ts) and
 * MAX_EXPANDED_FILTER_TERMS (group-expansion.ts).
 */
export type FilterLimit = "characters" | "terms" | "nesting" | "expanded-terms";

export function filterError(
  source: string,
  offset: number,
  length: number,
  problem: string,
  expected: readonly string[],
  limit?: FilterLimit,
): FilterError {
  const { line, column } = lineAndColumn(source, offset);
  return {
    message: `${problem} at line ${line}, column ${column}`,
    offset,
    length,
    line,
    column,
    expected: [...expected],
    ...(limit === undefined ? {} : { limit }),
  };
}

/** `\n`, `\r\n` and a lone `\r` each end a line. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    const char = source.charCodeAt(i);
    if (char === 0x0a || (char === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
