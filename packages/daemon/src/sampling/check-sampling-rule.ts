/**
 * Checks a sampling rule from untrusted input (a rules file, an API body) against X-Ray's
 * limits, filling in what may be left out. Returns a result; never throws.
 */

import {
  SAMPLING_MATCHER_MAX_CHARS,
  SAMPLING_RULE_LIMITS,
  type SamplingMatcherField,
} from "@xray-sandbox/segments";
import {
  DEFAULT_RULE,
  DEFAULT_RULE_NAME,
  type SamplingRuleDefinition,
  WILDCARD,
} from "./sampling-rule.ts";

export type RuleCheck =
  | { readonly ok: true; readonly rule: SamplingRuleDefinition }
  | {
      readonly ok: false;
      /** The field at fault, when one is. */
      readonly field: string | undefined;
      /** Names the field, e.g. `"FixedRate" must be a number between 0 and 1`. */
      readonly message: string;
    };

export interface RuleCheckOptions {
  /** A rules file refuses fields it does not know (a typo would silently match everything). */
  readonly unknownFields: "reject" | "ignore";
}

/** Matchers, all defaulting to `*`, with X-Ray's length limits. */
const MATCHERS = SAMPLING_MATCHER_MAX_CHARS;
type Matcher = SamplingMatcherField;
const MATCHER_NAMES = Object.keys(MATCHERS) as Matcher[];

const MAX_RULE_NAME = SAMPLING_RULE_LIMITS.maxRuleNameChars;
const MAX_PRIORITY = SAMPLING_RULE_LIMITS.maxPriority;
const MAX_ATTRIBUTE_CHARS = SAMPLING_RULE_LIMITS.maxAttributeChars;

const KNOWN_FIELDS: readonly string[] = [
  "RuleName",
  "RuleARN",
  "Priority",
  "FixedRate",
  "ReservoirSize",
  "Version",
  "Attributes",
  "SamplingRateBoost",
  ...MATCHER_NAMES,
];

/** What `Default` lets a user change; everything else about it is fixed. */
const DEFAULT_RULE_CHANGEABLE = new Set(["RuleName", "RuleARN", "FixedRate", "ReservoirSize"]);

export function checkSamplingRule(value: unknown, options: RuleCheckOptions): RuleCheck {
  if (!isRecord(value)) return fail(undefined, `expected a rule object, got ${describe(value)}`);
  if (options.unknownFields === "reject") {
    const unknown = Object.keys(value).find((key) => !KNOWN_FIELDS.includes(key));
    if (unknown !== undefined) return fail(unknown, unknownFieldMessage(unknown));
  }
  const name = value.RuleName;
  if (typeof name !== "string" || name === "" || name.length > MAX_RULE_NAME) {
    return fail("RuleName", `"RuleName" must be a string of 1 to ${MAX_RULE_NAME} characters`);
  }
  return name === DEFAULT_RULE_NAME ? checkDefaultRule(value) : checkRule(name, value);
}

/** `update`'s fields over `current`, checked as a whole. The name cannot change. */
export function mergeSamplingRuleUpdate(
  current: SamplingRuleDefinition,
  update: Readonly<Record<string, unknown>>,
): RuleCheck {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (key !== "RuleName" && key !== "RuleARN" && value !== undefined) merged[key] = value;
  }
  return checkSamplingRule(merged, { unknownFields: "ignore" });
}

function checkRule(name: string, value: Readonly<Record<string, unknown>>): RuleCheck {
  const priority = value.Priority;
  if (!isInteger(priority) || priority < 1 || priority > MAX_PRIORITY) {
    return fail("Priority", `"Priority" must be a whole number from 1 to ${MAX_PRIORITY}`);
  }
  const rates = checkRates(value, undefined);
  if (!rates.ok) return rates;
  const matchers: Partial<Record<Matcher, string>> = {};
  for (const field of MATCHER_NAMES) {
    const matcher = value[field] ?? WILDCARD;
    if (typeof matcher !== "string" || matcher === "" || matcher.length > MATCHERS[field]) {
      return fail(field, `"${field}" must be a string of 1 to ${MATCHERS[field]} characters`);
    }
    matchers[field] = matcher;
  }
  const version = value.Version ?? 1;
  if (version !== 1) return fail("Version", `"Version" must be 1`);
  const attributes = checkAttributes(value.Attributes ?? {});
  if (!attributes.ok) return attributes;
  return {
    ok: true,
    rule: {
      ...DEFAULT_RULE,
      ...matchers,
      RuleName: name,
      Priority: priority,
      FixedRate: rates.fixedRate,
      ReservoirSize: rates.reservoirSize,
      Version: 1,
      Attributes: attributes.attributes,
    },
  };
}

function checkDefaultRule(value: Readonly<Record<string, unknown>>): RuleCheck {
  for (const [field, given] of Object.entries(value)) {
    if (DEFAULT_RULE_CHANGEABLE.has(field) || given === undefined) continue;
    const fixed: unknown = (DEFAULT_RULE as Readonly<Record<string, unknown>>)[field];
    if (!sameValue(given, fixed)) {
      return fail(
        field,
        `"${field}" of the Default rule cannot be changed; only "FixedRate" and "ReservoirSize" can`,
      );
    }
  }
  const rates = checkRates(value, DEFAULT_RULE);
  if (!rates.ok) return rates;
  return {
    ok: true,
    rule: { ...DEFAULT_RULE, FixedRate: rates.fixedRate, ReservoirSize: rates.reservoirSize },
  };
}

function checkRates(
  value: Readonly<Record<string, unknown>>,
  defaults: Pick<SamplingRuleDefinition, "FixedRate" | "ReservoirSize"> | undefined,
):
  | { readonly ok: true; readonly fixedRate: number; readonly reservoirSize: number }
  | Extract<RuleCheck, { ok: false }> {
  const fixedRate = value.FixedRate ?? defaults?.FixedRate;
  if (typeof fixedRate !== "number" || !(fixedRate >= 0 && fixedRate <= 1)) {
    return fail("FixedRate", `"FixedRate" must be a number between 0 and 1`);
  }
  const reservoirSize = value.ReservoirSize ?? defaults?.ReservoirSize ?? 0;
  if (!isInteger(reservoirSize) || reservoirSize < 0) {
    return fail("ReservoirSize", `"ReservoirSize" must be a whole number, 0 or more`);
  }
  return { ok: true, fixedRate, reservoirSize };
}

function checkAttributes(
  value: unknown,
):
  | { readonly ok: true; readonly attributes: Readonly<Record<string, string>> }
  | Extract<RuleCheck, { ok: false }> {
  const problem = `"Attributes" must map names to strings, each of 1 to ${MAX_ATTRIBUTE_CHARS} characters`;
  if (!isRecord(value)) return fail("Attributes", problem);
  const attributes: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    if (!isShortText(key) || typeof text !== "string" || !isShortText(text)) {
      return fail("Attributes", problem);
    }
    attributes[key] = text;
  }
  return { ok: true, attributes };
}

function isShortText(text: string): boolean {
  return text !== "" && text.length <= MAX_ATTRIBUTE_CHARS;
}

function unknownFieldMessage(field: string): string {
  const lower = field.toLowerCase();
  const meant = KNOWN_FIELDS.find((known) => known.toLowerCase() === lower);
  return meant === undefined
    ? `unknown field "${field}" (known: ${KNOWN_FIELDS.join(", ")})`
    : `unknown field "${field}" (did you mean "${meant}"?)`;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isRecord(a) && isRecord(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function fail(field: string | undefined, message: string): Extract<RuleCheck, { ok: false }> {
  return { ok: false, field, message };
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
