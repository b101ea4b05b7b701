/**
 * Splits a filter expression into tokens. A lexical problem becomes an `invalid` token so
 * the parser reports whichever problem comes first in the source, lexical or not.
 */

export type Punctuation =
  | "("
  | ")"
  | "{"
  | "}"
  | ","
  | ":"
  | "!"
  | "="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">=";

interface TokenBase {
  readonly offset: number;
  readonly length: number;
}

/** Keywords, AND/OR, CONTAINS/BEGINSWITH/ENDSWITH, true/false, `id`, `name`, `type`. */
export interface WordToken extends TokenBase {
  readonly kind: "word";
  readonly text: string;
}
export interface StringToken extends TokenBase {
  readonly kind: "string";
  readonly value: string;
}
export interface NumberToken extends TokenBase {
  readonly kind: "number";
  readonly value: number;
}
/** `#[...]` or `#{...}`: a JSON value (`rootcause.json = #[{ "Services": [...] }]`). */
export interface JsonToken extends TokenBase {
  readonly kind: "json";
  readonly value: unknown;
}
export interface TraceIdToken extends TokenBase {
  readonly kind: "trace-id";
  readonly text: string;
}
export interface PunctuationToken extends TokenBase {
  readonly kind: Punctuation;
}
export interface EndToken extends TokenBase {
  readonly kind: "end";
}
export interface InvalidToken extends TokenBase {
  readonly kind: "invalid";
  readonly problem: string;
  readonly expected: readonly string[];
}

export type Token =
  | WordToken
  | StringToken
  | NumberToken
  | JsonToken
  | TraceIdToken
  | PunctuationToken
  | EndToken
  | InvalidToken;

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const TRACE_ID = /1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}(?![A-Za-z0-9_.-])/y;
/** What a mistyped trace id or number runs on to, so the error covers all of it. */
const RUN_ON = /[A-Za-z0-9_.-]*/y;
const WHITESPACE = /[ \t\r\n\f\v\u00a0\ufeff\u2028\u2029]+/y;

/** How deep brackets may nest in a `#[...]` JSON value. */
export const MAX_JSON_NESTING = 100;

const TWO_CHAR: ReadonlySet<string> = new Set(["!=", "<=", ">="]);
const ONE_CHAR: ReadonlySet<string> = new Set(["(", ")", "{", "}", ",", ":", "!", "=", "<", ">"]);

/** Tokens up to and including the first `invalid` one, always ending with `end`. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (true) {
    offset = skip(WHITESPACE, source, offset);
    if (offset >= source.length) break;
    const token = readToken(source, offset);
    tokens.push(token);
    if (token.kind === "invalid") break;
    offset = token.offset + token.length;
  }
  tokens.push({ kind: "end", offset: source.length, length: 0 });
  return tokens;
}

function readToken(source: string, offset: number): Token {
  const char = source.charAt(offset);
  const pair = source.slice(offset, offset + 2);
  if (TWO_CHAR.has(pair)) return { kind: pair as Punctuation, offset, length: 2 };
  if (ONE_CHAR.has(char)) return { kind: char as Punctuation, offset, length: 1 };
  if (char === '"') return readString(source, offset);
  if (char === "#") return readJson(source, offset);
  if (/[0-9]/.test(char) || (char === "-" && /[0-9]/.test(source.charAt(offset + 1)))) {
    return readNumberOrTraceId(source, offset);
  }
  const word = match(WORD, source, offset);
  if (word !== undefined) return { kind: "word", text: word, offset, length: word.length };
  return unexpectedCharacter(source, offset);
}

function readString(source: string, start: number): Token {
  let value = "";
  let offset = start + 1;
  while (offset < source.length) {
    const char = source.charAt(offset);
    if (char === '"') return { kind: "string", value, offset: start, length: offset + 1 - start };
    if (char === "\\") {
      const escaped = source.charAt(offset + 1);
      if (escaped !== '"' && escaped !== "\\") {
        return {
          kind: "invalid",
          offset,
          length: escaped === "" ? 1 : 2,
          problem: `unknown escape \`\\${escaped}\` in a string; only \\" and \\\\ are escapes`,
          expected: ['\\"', "\\\\"],
        };
      }
      value += escaped;
      offset += 2;
    } else {
      value += char;
      offset += 1;
    }
  }
  return {
    kind: "invalid",
    offset: start,
    length: source.length - start,
    problem: 'unterminated string: no closing "',
    expected: ['"'],
  };
}

/**
 * `#` then one JSON array or object: the brackets are matched (outside JSON strings) to find
 * where it ends, then the text is parsed as JSON.
 */
function readJson(source: string, start: number): Token {
  const open = source.charAt(start + 1);
  if (open !== "[" && open !== "{") {
    return {
      kind: "invalid",
      offset: start,
      length: 1,
      problem: 'expected a JSON array or object after `#`, like #[{ "Services": [] }]',
      expected: ["#[", "#{"],
    };
  }
  let depth = 0;
  let inString = false;
  for (let offset = start + 1; offset < source.length; offset++) {
    const char = source.charAt(offset);
    if (inString) {
      if (char === "\\") offset++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      if (++depth > MAX_JSON_NESTING) {
        return {
          kind: "invalid",
          offset,
          length: 1,
          problem: `the JSON value nests more than ${MAX_JSON_NESTING} levels deep`,
          expected: [],
        };
      }
    } else if (char === "]" || char === "}") {
      if (--depth === 0) return parseJsonToken(source, start, offset + 1);
    }
  }
  return {
    kind: "invalid",
    offset: start,
    length: source.length - start,
    problem: `unterminated JSON value: no closing ${open === "[" ? "]" : "}"}`,
    expected: [open === "[" ? "]" : "}"],
  };
}

function parseJsonToken(source: string, start: number, end: number): Token {
  const text = source.slice(start + 1, end);
  try {
    return { kind: "json", value: JSON.parse(text), offset: start, length: end - start };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: "invalid",
      offset: start,
      length: end - start,
      problem: `not valid JSON after \`#\`: ${reason}`,
      expected: ["JSON"],
    };
  }
}

function readNumberOrTraceId(source: string, offset: number): Token {
  const traceId = match(TRACE_ID, source, offset);
  if (traceId !== undefined) {
    return { kind: "trace-id", text: traceId, offset, length: traceId.length };
  }
  const number = match(NUMBER, source, offset) ?? "";
  const runOn = match(RUN_ON, source, offset + number.length) ?? "";
  if (runOn === "") {
    return { kind: "number", value: Number(number), offset, length: number.length };
  }
  const text = number + runOn;
  const looksLikeTraceId = /^1-/.test(text);
  return {
    kind: "invalid",
    offset,
    length: text.length,
    problem: looksLikeTraceId
      ? `\`${text}\` is not a trace id (1- then 8 and 24 hex digits, like 1-5759e988-bd862e3fe1be46a994272793)`
      : `\`${text}\` is not a number`,
    expected: [looksLikeTraceId ? "trace id" : "number"],
  };
}

const HINTS: Readonly<Record<string, string>> = {
  "&": "; write AND",
  "|": "; write OR",
  "'": '; strings use double quotes: "..."',
};

function unexpectedCharacter(source: string, offset: number): Token {
  const codePoint = source.codePointAt(offset) ?? 0;
  const char = String.fromCodePoint(codePoint);
  return {
    kind: "invalid",
    offset,
    length: char.length,
    problem: `unexpected character \`${char}\`${HINTS[char] ?? ""}`,
    expected: [],
  };
}

function match(pattern: RegExp, source: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(source)?.[0];
}

function skip(pattern: RegExp, source: string, offset: number): number {
  const skipped = match(pattern, source, offset);
  return offset + (skipped?.length ?? 0);
}
