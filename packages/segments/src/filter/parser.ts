/**
 * Recursive descent over the tokens of a filter expression:
 *
 *   filter    := <empty> | or
 *   or        := and ("OR" and)*
 *   and       := unary ("AND"? unary)*          two terms side by side mean AND
 *   unary     := "!" unary | primary
 *   primary   := "(" or ")" | TRACE-ID | service | edge | group | annotation | keyword
 *   service   := "service" "(" selector? ")" body?
 *   edge      := "edge" "(" selector "," selector ")" body?
 *   body      := "{" or "}"
 *   selector  := STRING | "id" "(" field ("," field)? ")"     field := ("name"|"type") ":" STRING
 *   group     := ("group.name" | "group.arn") ("=" | "!=") STRING
 *   rootcause := "rootcause." KIND "." LEVEL body?     KIND := fault|error|responsetime,
 *                                                      LEVEL := service|entity|exception
 *              | "rootcause.json" (("=" | "!=") JSON)?  JSON := "#[" ... "]" | "#{" ... "}"
 *   keyword   := KEYWORD comparison?       annotation := "annotation." KEY comparison?
 *   comparison:= OPERATOR value
 *
 * Words (keywords, AND/OR, operators, true/false) are case-insensitive; annotation keys and
 * string values are not.
 */

import type { TraceId } from "../units.ts";
import type {
  BooleanOperator,
  Comparison,
  FilterNode,
  JsonPattern,
  NumberOperator,
  ServiceSelector,
  Span,
  StringOperator,
} from "./ast.ts";
import { type FilterError, type FilterLimit, filterError } from "./filter-error.ts";
import {
  isUnsupportedKeyword,
  type KeywordSpec,
  KNOWN_WORDS,
  keywordSpec,
  keywordsIn,
  ROOT_CAUSE_WORDS,
  type RootCauseKind,
  type RootCauseLevel,
  rootCauseScope,
  type Scope,
  type ValueType,
} from "./keywords.ts";
import { type Token, tokenize, type WordToken } from "./lexer.ts";
import { closestWord } from "./suggest.ts";

export type ParseFilterResult = { ok: true; ast: FilterNode } | { ok: false; error: FilterError };

/** How deep parentheses, braces and `!` may nest; deeper input is refused, not overflowed. */
export const MAX_NESTING = 100;
/** The longest filter accepted, in characters (UTF-16 code units); a longer one is refused unread. */
export const MAX_FILTER_CHARS = 4_000;
/**
 * The most terms one filter may hold (each keyword, annotation, service(), edge(), group or
 * trace id counts, also inside braces): matching costs each trace every term, so this bounds
 * what one query can cost.
 */
export const MAX_FILTER_TERMS = 100;

export function parseFilter(source: string): ParseFilterResult {
  if (source.length > MAX_FILTER_CHARS) {
    return {
      ok: false,
      error: filterError(
        source,
        MAX_FILTER_CHARS,
        source.length - MAX_FILTER_CHARS,
        `the filter is ${source.length} characters long, over the limit of ${MAX_FILTER_CHARS}`,
        [],
        "characters",
      ),
    };
  }
  return new Parser(source).parse();
}

type Operator = NumberOperator | StringOperator;

const BOOLEAN_OPERATORS: readonly Operator[] = ["=", "!="];
const NUMBER_OPERATORS: readonly Operator[] = ["=", "!=", "<", "<=", ">", ">="];
const STRING_OPERATORS: readonly Operator[] = ["=", "!=", "CONTAINS", "BEGINSWITH", "ENDSWITH"];
const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  boolean: BOOLEAN_OPERATORS,
  number: NUMBER_OPERATORS,
  string: STRING_OPERATORS,
};
const WORD_OPERATORS: ReadonlyMap<string, StringOperator> = new Map(
  (["CONTAINS", "BEGINSWITH", "ENDSWITH"] as const).map((operator) => [operator, operator]),
);

const TERM_START = ["keyword", "!", "("];
/** Words that can appear in a filter but cannot begin a term. */
const VALUE_WORDS: ReadonlySet<string> = new Set(["and", "or", "true", "false"]);
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;

class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #position = 0;
  #lastEnd = 0;
  #depth = 0;
  #terms = 0;
  #error: FilterError | undefined;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parse(): ParseFilterResult {
    if (this.#peek().kind === "end") {
      return { ok: true, ast: { kind: "all", span: { offset: 0, length: this.#source.length } } };
    }
    const ast = this.#parseOr("trace");
    if (ast !== undefined) {
      const next = this.#peek();
      if (next.kind !== "end") {
        this.#fail(next, "expected AND, OR or the end of the filter", [
          "AND",
          "OR",
          "end of input",
        ]);
      }
    }
    if (this.#error !== undefined) return { ok: false, error: this.#error };
    if (ast === undefined) return { ok: false, error: this.#internalError() };
    return { ok: true, ast };
  }

  #parseOr(scope: Scope): FilterNode | undefined {
    const first = this.#parseAnd(scope);
    if (first === undefined) return undefined;
    const operands = [first];
    while (this.#isWord(this.#peek(), "OR")) {
      this.#advance();
      const next = this.#parseAnd(scope);
      if (next === undefined) return undefined;
      operands.push(next);
    }
    if (operands.length === 1) return first;
    return { kind: "or", operands, span: this.#spanFrom(first.span.offset) };
  }

  #parseAnd(scope: Scope): FilterNode | undefined {
    const first = this.#parseUnary(scope);
    if (first === undefined) return undefined;
    const operands = [first];
    while (true) {
      const next = this.#peek();
      if (this.#isWord(next, "AND")) this.#advance();
      else if (!this.#startsTerm(next)) break;
      const operand = this.#parseUnary(scope);
      if (operand === undefined) return undefined;
      operands.push(operand);
    }
    if (operands.length === 1) return first;
    return { kind: "and", operands, span: this.#spanFrom(first.span.offset) };
  }

  #parseUnary(scope: Scope): FilterNode | undefined {
    const bang = this.#peek();
    if (bang.kind !== "!") return this.#parsePrimary(scope);
    if (!this.#enter(bang)) return undefined;
    this.#advance();
    const operand = this.#parseUnary(scope);
    this.#depth--;
    if (operand === undefined) return undefined;
    return { kind: "not", operand, span: this.#spanFrom(bang.offset) };
  }

  #parsePrimary(scope: Scope): FilterNode | undefined {
    const token = this.#peek();
    if (token.kind !== "(" && ++this.#terms > MAX_FILTER_TERMS) {
      return this.#reject(token, `the filter has more than ${MAX_FILTER_TERMS} terms`, [], "terms");
    }
    switch (token.kind) {
      case "(":
        return this.#parseParenthesised(scope, token);
      case "trace-id":
        if (scope !== "trace") return this.#wholeTraceOnly(token, "a trace id", scope);
        this.#advance();
        return { kind: "trace-id", id: token.text as TraceId, span: this.#spanFrom(token.offset) };
      case "word":
        return this.#parseWordTerm(scope, token);
      default:
        return this.#fail(token, "expected a keyword", TERM_START);
    }
  }

  #parseParenthesised(scope: Scope, open: Token): FilterNode | undefined {
    if (!this.#enter(open)) return undefined;
    this.#advance();
    const inner = this.#parseOr(scope);
    if (inner === undefined) return undefined;
    const close = this.#peek();
    if (close.kind !== ")") return this.#fail(close, "expected AND, OR or ')'", ["AND", "OR", ")"]);
    this.#advance();
    this.#depth--;
    return { ...inner, span: this.#spanFrom(open.offset) };
  }

  #parseWordTerm(scope: Scope, token: WordToken): FilterNode | undefined {
    const lower = token.text.toLowerCase();
    if (VALUE_WORDS.has(lower)) return this.#fail(token, "expected a keyword", TERM_START);
    if (lower === "service") return this.#parseService(scope, token);
    if (lower === "edge") return this.#parseEdge(scope, token);
    if (lower === "group.name" || lower === "group.arn") return this.#parseGroup(scope, token);
    if (lower === "annotation" || lower.startsWith("annotation.")) {
      return this.#parseAnnotation(scope, token);
    }
    if (lower === "rootcause" || lower.startsWith("rootcause.")) {
      return this.#parseRootCause(scope, token);
    }
    if (lower === "json") {
      return this.#reject(
        token,
        '`json` is written `rootcause.json`: rootcause.json = #[{ "Services": [...] }]',
        ["rootcause.json"],
      );
    }
    if (lower === "id") {
      return this.#reject(token, "id(...) names a service inside service(...) or edge(...)", []);
    }
    if (isUnsupportedKeyword(token.text)) {
      return this.#reject(token, `\`${token.text}\` is not supported by xray-sandbox yet`, []);
    }
    const spec = keywordSpec(token.text);
    if (spec === undefined) return this.#unknownWord(token);
    if (!spec.scopes.includes(scope)) return this.#reject(token, outOfScope(spec, scope), []);
    return this.#parseKeyword(spec, token);
  }

  #parseRootCause(scope: Scope, token: WordToken): FilterNode | undefined {
    if (scope !== "trace") return this.#wholeTraceOnly(token, `\`${token.text}\``, scope);
    const lower = token.text.toLowerCase();
    if (lower === "rootcause.json") return this.#parseRootCauseJson(token);
    const [, kind, level, ...rest] = lower.split(".");
    if (!isRootCauseKind(kind) || !isRootCauseLevel(level) || rest.length > 0) {
      return this.#reject(
        token,
        `unknown keyword \`${token.text}\`: root-cause keywords are rootcause.fault, rootcause.error or rootcause.responsetime followed by .service, .entity or .exception, and rootcause.json`,
        [...ROOT_CAUSE_WORDS],
      );
    }
    if (kind === "responsetime" && level === "exception") {
      return this.#reject(
        token,
        "response-time root causes carry no exceptions: use rootcause.fault.exception or rootcause.error.exception",
        ["rootcause.fault.exception", "rootcause.error.exception"],
      );
    }
    this.#advance();
    const next = this.#peek();
    if (this.#operatorOf(next) !== undefined) {
      return this.#reject(
        next,
        `\`${lower}\` takes a filter in braces, not a comparison: ${lower} { name = "x" }`,
        ["{"],
      );
    }
    const body = this.#parseBody(rootCauseScope(level));
    if (body === undefined) return undefined;
    return {
      kind: "rootcause",
      cause: kind,
      level,
      body: body.node,
      span: this.#spanFrom(token.offset),
    };
  }

  #parseRootCauseJson(token: WordToken): FilterNode | undefined {
    this.#advance();
    const operatorToken = this.#peek();
    if (operatorToken.kind !== "=" && operatorToken.kind !== "!=") {
      if (this.#operatorOf(operatorToken) !== undefined) {
        return this.#fail(operatorToken, "expected '=' or '!=' after rootcause.json", ["=", "!="]);
      }
      return {
        kind: "rootcause-json",
        operator: "=",
        patterns: undefined,
        span: this.#spanFrom(token.offset),
      };
    }
    this.#advance();
    const value = this.#peek();
    if (value.kind !== "json") {
      return this.#fail(
        value,
        `expected a JSON root cause after '${operatorToken.kind}', like #[{ "Services": [{ "Name": "api" }] }]`,
        ["#[", "#{"],
      );
    }
    const patterns = rootCausePatterns(value.value);
    if (patterns === undefined) {
      return this.#reject(
        value,
        'rootcause.json compares with a root cause object or an array of them: #[{ "Services": [...] }]',
        ["#[", "#{"],
      );
    }
    this.#advance();
    return {
      kind: "rootcause-json",
      operator: operatorToken.kind,
      patterns,
      span: this.#spanFrom(token.offset),
    };
  }

  #unknownWord(token: WordToken): undefined {
    const dot = token.text.indexOf(".");
    const head = dot < 0 ? "" : token.text.slice(0, dot);
    const suggestion =
      head !== "" && closestWord(head, ["annotation"]) !== undefined
        ? `annotation${token.text.slice(dot)}`
        : closestWord(token.text, KNOWN_WORDS);
    const hint = suggestion === undefined ? "" : `; did you mean \`${suggestion}\`?`;
    return this.#reject(token, `unknown keyword \`${token.text}\`${hint}`, ["keyword"]);
  }

  #parseKeyword(spec: KeywordSpec, token: Token): FilterNode | undefined {
    this.#advance();
    const parsed = this.#parseComparison(spec.name, spec.type);
    if (parsed === undefined) return undefined;
    return {
      kind: "keyword",
      keyword: spec.name,
      comparison: parsed.comparison,
      span: this.#spanFrom(token.offset),
    };
  }

  #parseAnnotation(scope: Scope, token: WordToken): FilterNode | undefined {
    if (scope !== "trace") return this.#wholeTraceOnly(token, "annotation.KEY", scope);
    const key = token.text.slice("annotation.".length);
    if (key === "") {
      return this.#reject(token, "expected an annotation key after `annotation.`", [
        "annotation key",
      ]);
    }
    if (!ANNOTATION_KEY.test(key)) {
      return this.#reject(
        token,
        `\`${key}\` is not an annotation key: keys are letters, digits and _`,
        ["annotation key"],
      );
    }
    this.#advance();
    const parsed = this.#parseComparison(`annotation.${key}`, undefined);
    if (parsed === undefined) return undefined;
    return {
      kind: "annotation",
      key,
      comparison: parsed.comparison,
      span: this.#spanFrom(token.offset),
    };
  }

  /** `type` undefined: an annotation, whose value may be of any type that fits the operator. */
  #parseComparison(
    subject: string,
    type: ValueType | undefined,
  ): { comparison: Comparison | undefined } | undefined {
    const token = this.#peek();
    const allowed =
      type === undefined ? STRING_OPERATORS.concat(NUMBER_OPERATORS) : OPERATORS_BY_TYPE[type];
    const operator = this.#operatorOf(token);
    if (operator === undefined) {
      if (token.kind === "string" || token.kind === "number") {
        return this.#reject(
          token,
          `expected an operator between \`${subject}\` and ${this.#describe(token)}`,
          unique(allowed),
        );
      }
      return { comparison: undefined };
    }
    if (!allowed.includes(operator)) {
      return this.#reject(
        token,
        `${quoteOperator(operator)} does not apply to ${type} keyword \`${subject}\``,
        [...allowed],
      );
    }
    this.#advance();
    const value = this.#peek();
    const after = `after ${quoteOperator(operator)}`;
    const accepts = valueTypesFor(operator, type);
    if (value.kind === "number" && accepts.includes("number") && isNumberOperator(operator)) {
      this.#advance();
      return { comparison: { type: "number", operator, value: value.value } };
    }
    if (value.kind === "string" && accepts.includes("string") && isStringOperator(operator)) {
      this.#advance();
      return { comparison: { type: "string", operator, value: value.value } };
    }
    const flag = this.#booleanOf(value);
    if (flag !== undefined && accepts.includes("boolean") && isBooleanOperator(operator)) {
      this.#advance();
      return { comparison: { type: "boolean", operator, value: flag } };
    }
    return this.#missingValue(value, after, accepts);
  }

  #missingValue(token: Token, after: string, accepts: readonly ValueType[]): undefined {
    if (accepts.length > 1) {
      return this.#fail(token, `expected a value ${after}`, ["string", "number", "true", "false"]);
    }
    switch (accepts[0]) {
      case "number":
        return this.#fail(token, `expected a number ${after}`, ["number"]);
      case "string":
        return this.#fail(token, `expected a string in double quotes ${after}`, ["string"]);
      default:
        return this.#fail(token, `expected true or false ${after}`, ["true", "false"]);
    }
  }

  #parseGroup(scope: Scope, token: WordToken): FilterNode | undefined {
    const keyword = token.text.toLowerCase();
    if (scope !== "trace") return this.#wholeTraceOnly(token, keyword, scope);
    this.#advance();
    const operatorToken = this.#peek();
    if (operatorToken.kind !== "=" && operatorToken.kind !== "!=") {
      return this.#fail(operatorToken, `expected '=' or '!=' after ${keyword}`, ["=", "!="]);
    }
    this.#advance();
    const value = this.#peek();
    if (value.kind !== "string") {
      const what = keyword === "group.name" ? "a group name" : "a group ARN";
      return this.#fail(value, `expected ${what} in double quotes after '${operatorToken.kind}'`, [
        "string",
      ]);
    }
    this.#advance();
    return {
      kind: "group",
      by: keyword === "group.name" ? "name" : "arn",
      operator: operatorToken.kind,
      value: value.value,
      span: this.#spanFrom(token.offset),
    };
  }

  #parseService(scope: Scope, token: Token): FilterNode | undefined {
    if (scope !== "trace") return this.#wholeTraceOnly(token, "service()", scope);
    this.#advance();
    if (!this.#expect("(", "expected '(' after service")) return undefined;
    let target: ServiceSelector | undefined;
    if (this.#peek().kind !== ")") {
      target = this.#parseSelector("expected a service name in double quotes, id(...) or ')'", [
        "string",
        "id",
        ")",
      ]);
      if (target === undefined) return undefined;
    }
    if (!this.#expect(")", "expected ')' to close service(")) return undefined;
    const body = this.#parseBody("service");
    if (body === undefined) return undefined;
    return { kind: "service", target, body: body.node, span: this.#spanFrom(token.offset) };
  }

  #parseEdge(scope: Scope, token: Token): FilterNode | undefined {
    if (scope !== "trace") return this.#wholeTraceOnly(token, "edge()", scope);
    this.#advance();
    if (!this.#expect("(", "expected '(' after edge")) return undefined;
    const from = this.#parseSelector(
      "expected the calling service's name in double quotes or id(...)",
      ["string", "id"],
    );
    if (from === undefined) return undefined;
    if (!this.#expect(",", "expected ',' and the called service")) return undefined;
    const to = this.#parseSelector(
      "expected the called service's name in double quotes or id(...)",
      ["string", "id"],
    );
    if (to === undefined) return undefined;
    if (!this.#expect(")", "expected ')' to close edge(")) return undefined;
    const body = this.#parseBody("edge");
    if (body === undefined) return undefined;
    return { kind: "edge", from, to, body: body.node, span: this.#spanFrom(token.offset) };
  }

  #parseSelector(problem: string, expected: readonly string[]): ServiceSelector | undefined {
    const token = this.#peek();
    if (token.kind === "string") {
      this.#advance();
      return { name: token.value, type: undefined };
    }
    if (this.#isWord(token, "id")) return this.#parseId();
    return this.#fail(token, problem, expected);
  }

  #parseId(): ServiceSelector | undefined {
    this.#advance();
    if (!this.#expect("(", "expected '(' after id")) return undefined;
    const fields: { name?: string; type?: string } = {};
    while (true) {
      const fieldToken = this.#peek();
      const field = this.#isWord(fieldToken, "name")
        ? "name"
        : this.#isWord(fieldToken, "type")
          ? "type"
          : undefined;
      if (field === undefined) {
        return this.#fail(fieldToken, "expected name: or type: in id(...)", ["name", "type"]);
      }
      if (fields[field] !== undefined) {
        return this.#reject(fieldToken, `${field} is given twice in id(...)`, [
          field === "name" ? "type" : "name",
        ]);
      }
      this.#advance();
      if (!this.#expect(":", `expected ':' after ${field}`)) return undefined;
      const value = this.#peek();
      if (value.kind !== "string") {
        return this.#fail(value, `expected the service ${field} in double quotes`, ["string"]);
      }
      this.#advance();
      fields[field] = value.value;
      const next = this.#peek();
      if (next.kind === ")") break;
      if (next.kind !== ",") return this.#fail(next, "expected ',' or ')' in id(...)", [",", ")"]);
      this.#advance();
    }
    this.#advance();
    return { name: fields.name, type: fields.type };
  }

  /**
   * `{ expr }` after service(...), edge(...) or a root-cause keyword; `node` is undefined when
   * there are no braces.
   */
  #parseBody(scope: Scope): { node: FilterNode | undefined } | undefined {
    const open = this.#peek();
    if (open.kind !== "{") return { node: undefined };
    if (!this.#enter(open)) return undefined;
    this.#advance();
    const node = this.#parseOr(scope);
    if (node === undefined) return undefined;
    const close = this.#peek();
    if (close.kind !== "}") return this.#fail(close, "expected AND, OR or '}'", ["AND", "OR", "}"]);
    this.#advance();
    this.#depth--;
    return { node };
  }

  #wholeTraceOnly(token: Token, what: string, scope: Scope): undefined {
    return this.#reject(
      token,
      `${what} applies to whole traces and cannot be used inside ${bracesOf(scope)}`,
      [],
    );
  }

  #operatorOf(token: Token): Operator | undefined {
    switch (token.kind) {
      case "=":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return token.kind;
      case "word": {
        return WORD_OPERATORS.get(token.text.toUpperCase());
      }
      default:
        return undefined;
    }
  }

  #booleanOf(token: Token): boolean | undefined {
    if (this.#isWord(token, "true")) return true;
    if (this.#isWord(token, "false")) return false;
    return undefined;
  }

  #isWord(token: Token, word: string): boolean {
    return token.kind === "word" && token.text.toLowerCase() === word.toLowerCase();
  }

  /** Whether a term can begin here, making two terms side by side an implicit AND. */
  #startsTerm(token: Token): boolean {
    if (token.kind === "word") return !this.#isWord(token, "OR");
    return (
      token.kind === "!" ||
      token.kind === "(" ||
      token.kind === "trace-id" ||
      token.kind === "invalid"
    );
  }

  #expect(kind: Token["kind"], problem: string): boolean {
    const token = this.#peek();
    if (token.kind === kind) {
      this.#advance();
      return true;
    }
    this.#fail(token, problem, [kind]);
    return false;
  }

  #enter(token: Token): boolean {
    if (this.#depth >= MAX_NESTING) {
      this.#reject(token, `the filter nests more than ${MAX_NESTING} levels deep`, [], "nesting");
      return false;
    }
    this.#depth++;
    return true;
  }

  #peek(): Token {
    return this.#tokens[this.#position] ?? this.#endToken();
  }

  #advance(): void {
    const token = this.#peek();
    this.#lastEnd = token.offset + token.length;
    if (this.#position < this.#tokens.length - 1) this.#position++;
  }

  #spanFrom(offset: number): Span {
    return { offset, length: this.#lastEnd - offset };
  }

  /** `problem` says what was expected; the token found is named after it. */
  #fail(token: Token, problem: string, expected: readonly string[]): undefined {
    const found = token.kind === "end" ? "" : `, found ${this.#describe(token)}`;
    return this.#reject(token, problem + found, expected);
  }

  /** `problem` already names the token. */
  #reject(
    token: Token,
    problem: string,
    expected: readonly string[],
    limit?: FilterLimit,
  ): undefined {
    if (this.#error !== undefined) return undefined;
    this.#error =
      token.kind === "invalid"
        ? filterError(this.#source, token.offset, token.length, token.problem, token.expected)
        : filterError(this.#source, token.offset, token.length, problem, expected, limit);
    return undefined;
  }

  #describe(token: Token): string {
    if (token.kind === "end") return "the end of the filter";
    const text = this.#source.slice(token.offset, token.offset + token.length);
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    if (token.kind === "string" || token.kind === "number" || token.kind === "word") {
      return `\`${shown}\``;
    }
    return `'${shown}'`;
  }

  #endToken(): Token {
    return { kind: "end", offset: this.#source.length, length: 0 };
  }

  #internalError(): FilterError {
    return filterError(this.#source, 0, 0, "the filter could not be parsed", []);
  }
}

function isRootCauseKind(word: string | undefined): word is RootCauseKind {
  return word === "fault" || word === "error" || word === "responsetime";
}

function isRootCauseLevel(word: string | undefined): word is RootCauseLevel {
  return word === "service" || word === "entity" || word === "exception";
}

/** An object, or a non-empty array of objects, as a list of root cause patterns. */
function rootCausePatterns(value: unknown): readonly JsonPattern[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return undefined;
  const objects = list.every(
    (item) => typeof item === "object" && item !== null && !Array.isArray(item),
  );
  return objects ? (list as JsonPattern[]) : undefined;
}

function bracesOf(scope: Scope): string {
  return scope.startsWith("cause-")
    ? "the braces of a root-cause keyword"
    : "service() { } or edge() { }";
}

const SCOPE_NAMES: Readonly<Record<Exclude<Scope, "trace">, string>> = {
  service: "service() { }",
  edge: "edge() { }",
  "cause-service": "rootcause.KIND.service { }",
  "cause-entity": "rootcause.KIND.entity { }",
  "cause-exception": "rootcause.KIND.exception { }",
};

/** Why a keyword is refused where it stands, and what applies there instead. */
function outOfScope(spec: KeywordSpec, scope: Scope): string {
  if (scope === "trace") {
    const inside = spec.scopes.map((s) => SCOPE_NAMES[s as Exclude<Scope, "trace">]);
    const what = spec.scopes.includes("service")
      ? "a service, an edge or a root cause"
      : "a root cause";
    return `\`${spec.name}\` applies to ${what}: use it inside ${inside.slice(0, -1).join(", ")} or ${inside.at(-1)}`;
  }
  return `\`${spec.name}\` does not apply inside ${SCOPE_NAMES[scope]}: there, use ${keywordsIn(scope).join(", ")}`;
}

function valueTypesFor(operator: Operator, type: ValueType | undefined): readonly ValueType[] {
  if (type !== undefined) return [type];
  if (operator === "=" || operator === "!=") return ["string", "number", "boolean"];
  return WORD_OPERATORS.has(operator) ? ["string"] : ["number"];
}

function isNumberOperator(operator: Operator): operator is NumberOperator {
  return NUMBER_OPERATORS.includes(operator);
}

function isStringOperator(operator: Operator): operator is StringOperator {
  return STRING_OPERATORS.includes(operator);
}

function isBooleanOperator(operator: Operator): operator is BooleanOperator {
  return BOOLEAN_OPERATORS.includes(operator);
}

function quoteOperator(operator: Operator): string {
  return WORD_OPERATORS.has(operator) ? operator : `'${operator}'`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
