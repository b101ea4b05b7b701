/** The simple keywords of the filter language, their value types and where they apply. */

export type ValueType = "boolean" | "number" | "string";

/**
 * Where an expression is evaluated: the whole trace, inside `service() { }` / `edge() { }`,
 * or inside `rootcause.KIND.service { }` / `.entity { }` / `.exception { }` (one service, one
 * entity or one exception of a root cause).
 */
export type Scope =
  | "trace"
  | "service"
  | "edge"
  | "cause-service"
  | "cause-entity"
  | "cause-exception";

const EVERYWHERE: readonly Scope[] = ["trace", "service", "edge"];
const SCOPED: readonly Scope[] = ["service", "edge"];
const CAUSES: readonly Scope[] = ["cause-service", "cause-entity", "cause-exception"];
/** `first`, `last`, `index`: a position in an enumerated list. */
const LISTED: readonly Scope[] = [...SCOPED, ...CAUSES];
/** The trace doctor's keywords judge a whole trace. */
const TRACE_ONLY: readonly Scope[] = ["trace"];

const KEYWORDS = {
  ok: { type: "boolean", scopes: EVERYWHERE },
  error: { type: "boolean", scopes: EVERYWHERE },
  throttle: { type: "boolean", scopes: EVERYWHERE },
  fault: { type: "boolean", scopes: EVERYWHERE },
  partial: { type: "boolean", scopes: EVERYWHERE },
  inferred: { type: "boolean", scopes: [...EVERYWHERE, "cause-service"] },
  remote: { type: "boolean", scopes: [...EVERYWHERE, "cause-entity"] },
  first: { type: "boolean", scopes: LISTED },
  last: { type: "boolean", scopes: LISTED },
  root: { type: "boolean", scopes: SCOPED },
  responsetime: { type: "number", scopes: EVERYWHERE },
  duration: { type: "number", scopes: EVERYWHERE },
  "http.status": { type: "number", scopes: EVERYWHERE },
  index: { type: "number", scopes: LISTED },
  coverage: { type: "number", scopes: [...SCOPED, "cause-entity"] },
  "http.url": { type: "string", scopes: EVERYWHERE },
  "http.method": { type: "string", scopes: EVERYWHERE },
  "http.useragent": { type: "string", scopes: EVERYWHERE },
  "http.clientip": { type: "string", scopes: EVERYWHERE },
  user: { type: "string", scopes: EVERYWHERE },
  name: { type: "string", scopes: [...EVERYWHERE, ...CAUSES] },
  type: { type: "string", scopes: [...EVERYWHERE, "cause-service"] },
  message: { type: "string", scopes: [...EVERYWHERE, "cause-exception"] },
  availabilityzone: { type: "string", scopes: EVERYWHERE },
  "instance.id": { type: "string", scopes: EVERYWHERE },
  "resource.arn": { type: "string", scopes: EVERYWHERE },
  /** How many problems the trace doctor finds in the trace (`problems > 0`). */
  problems: { type: "number", scopes: TRACE_ONLY },
  /** The codes of those problems (`problem = "orphan-subsegment"`). */
  problem: { type: "string", scopes: TRACE_ONLY },
} as const satisfies Record<string, { type: ValueType; scopes: readonly Scope[] }>;

export type KeywordName = keyof typeof KEYWORDS;

type KeywordsOfType<T extends ValueType> = {
  [K in KeywordName]: (typeof KEYWORDS)[K]["type"] extends T ? K : never;
}[KeywordName];
export type BooleanKeyword = KeywordsOfType<"boolean">;
export type NumberKeyword = KeywordsOfType<"number">;
export type StringKeyword = KeywordsOfType<"string">;

export function isBooleanKeyword(name: KeywordName): name is BooleanKeyword {
  return KEYWORDS[name].type === "boolean";
}

export function isNumberKeyword(name: KeywordName): name is NumberKeyword {
  return KEYWORDS[name].type === "number";
}

export interface KeywordSpec {
  readonly name: KeywordName;
  readonly type: ValueType;
  readonly scopes: readonly Scope[];
}

const SPECS: ReadonlyMap<string, KeywordSpec> = new Map(
  Object.entries(KEYWORDS).map(([name, spec]) => [
    name,
    { name: name as KeywordName, type: spec.type, scopes: spec.scopes },
  ]),
);

/** Keywords are case-insensitive: `responseTime` is `responsetime`. */
export function keywordSpec(word: string): KeywordSpec | undefined {
  return SPECS.get(word.toLowerCase());
}

export const KEYWORD_NAMES: readonly KeywordName[] = [...SPECS.values()].map((spec) => spec.name);

/** Words of the real X-Ray language that this implementation refuses rather than ignores. */
const UNSUPPORTED_PREFIXES: readonly string[] = ["event"];

/** The kinds of root cause `GetTraceSummaries` reports, as the filter language names them. */
export type RootCauseKind = "fault" | "error" | "responsetime";
/** What a `rootcause.KIND.LEVEL { }` body is evaluated against. */
export type RootCauseLevel = "service" | "entity" | "exception";

/** `rootcause.KIND.LEVEL` for every kind and level, `rootcause.json` last. */
export const ROOT_CAUSE_WORDS: readonly string[] = [
  ...(["fault", "error", "responsetime"] as const).flatMap((kind) =>
    (["service", "entity", "exception"] as const)
      .filter((level) => kind !== "responsetime" || level !== "exception")
      .map((level) => `rootcause.${kind}.${level}`),
  ),
  "rootcause.json",
];

/** The scope a root-cause body is evaluated in. */
export function rootCauseScope(level: RootCauseLevel): Scope {
  return `cause-${level}`;
}

/** The keywords that apply in a scope, in table order, for error messages. */
export function keywordsIn(scope: Scope): string[] {
  return [...SPECS.values()].filter((spec) => spec.scopes.includes(scope)).map((s) => s.name);
}

export function isUnsupportedKeyword(word: string): boolean {
  const lower = word.toLowerCase();
  return UNSUPPORTED_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}.`));
}

/** Every word a user may mean when they mistype one, for "did you mean" hints. */
export const KNOWN_WORDS: readonly string[] = [
  ...KEYWORD_NAMES,
  "service",
  "edge",
  "group.name",
  "group.arn",
  ...ROOT_CAUSE_WORDS,
  "AND",
  "OR",
  "CONTAINS",
  "BEGINSWITH",
  "ENDSWITH",
  "true",
  "false",
];
