/**
 * The sampling rule form as text fields, checked as they are typed with X-Ray's limits (the
 * numbers the daemon checks with), and turned into `CreateSamplingRule` and
 * `UpdateSamplingRule` bodies. Pure: no React, no I/O.
 */

import {
  DEFAULT_SAMPLING_RULE_NAME,
  SAMPLING_MATCHER_MAX_CHARS,
  SAMPLING_RULE_LIMITS,
  type SamplingMatcherField,
  type SamplingRule,
} from "@xray-sandbox/segments";

const WILDCARD = "*";

export interface AttributeEntry {
  /** Stable across edits, for React keys and field ids. */
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface RuleFormValues {
  readonly name: string;
  readonly priority: string;
  /** Requests per second. */
  readonly reservoir: string;
  /** Percent, 0 to 100 (the API's `FixedRate` times 100). */
  readonly ratePercent: string;
  readonly matchers: Readonly<Record<SamplingMatcherField, string>>;
  readonly attributes: readonly AttributeEntry[];
}

/** The matchers in the order the form shows them, with their labels. */
export const MATCHER_FIELDS: readonly { field: SamplingMatcherField; label: string }[] = [
  { field: "ServiceName", label: "Service name" },
  { field: "ServiceType", label: "Service type" },
  { field: "Host", label: "Host" },
  { field: "HTTPMethod", label: "HTTP method" },
  { field: "URLPath", label: "URL path" },
  { field: "ResourceARN", label: "Resource ARN" },
];

export type RuleFormField =
  | "name"
  | "priority"
  | "reservoir"
  | "ratePercent"
  | SamplingMatcherField;

export interface AttributeProblem {
  readonly key?: string;
  readonly value?: string;
}

export interface RuleFormProblems {
  readonly fields: Partial<Record<RuleFormField, string>>;
  /** By attribute entry id. */
  readonly attributes: Readonly<Record<number, AttributeProblem>>;
}

export interface RuleFormContext {
  /** Editing an existing rule (its name cannot change) rather than creating one. */
  readonly editing: boolean;
  /** The names of the rules there are now; a new rule needs another. */
  readonly existingNames: readonly string[];
}

export function isDefaultRuleName(name: string): boolean {
  return name === DEFAULT_SAMPLING_RULE_NAME;
}

/** A new rule's starting values (a priority after the ones in use), or an existing rule's. */
export function ruleFormValues(
  rule: SamplingRule | undefined,
  usedPriorities: readonly number[] = [],
): RuleFormValues {
  if (rule === undefined) {
    const custom = usedPriorities.filter((p) => p <= SAMPLING_RULE_LIMITS.maxPriority);
    const next = Math.min(SAMPLING_RULE_LIMITS.maxPriority, Math.max(0, ...custom) + 1);
    return {
      name: "",
      priority: String(next),
      reservoir: "1",
      ratePercent: "5",
      matchers: {
        ServiceName: WILDCARD,
        ServiceType: WILDCARD,
        Host: WILDCARD,
        HTTPMethod: WILDCARD,
        URLPath: WILDCARD,
        ResourceARN: WILDCARD,
      },
      attributes: [],
    };
  }
  return {
    name: rule.RuleName,
    priority: String(rule.Priority),
    reservoir: String(rule.ReservoirSize),
    ratePercent: String(Number((rule.FixedRate * 100).toPrecision(12))),
    matchers: {
      ServiceName: rule.ServiceName,
      ServiceType: rule.ServiceType,
      Host: rule.Host,
      HTTPMethod: rule.HTTPMethod,
      URLPath: rule.URLPath,
      ResourceARN: rule.ResourceARN,
    },
    attributes: Object.entries(rule.Attributes).map(([key, value], id) => ({ id, key, value })),
  };
}

/** What is wrong with each field, in words for the person typing; empty when all is well. */
export function ruleFormProblems(
  values: RuleFormValues,
  context: RuleFormContext,
): RuleFormProblems {
  const fields: Partial<Record<RuleFormField, string>> = {};
  const isDefault = isDefaultRuleName(values.name);
  if (!context.editing) {
    const name = nameProblem(values.name, context.existingNames);
    if (name !== undefined) fields.name = name;
  }
  if (!isDefault) {
    const priority = wholeNumberProblem(
      values.priority,
      SAMPLING_RULE_LIMITS.minPriority,
      SAMPLING_RULE_LIMITS.maxPriority,
      "Give a priority: rules with lower numbers are tried first.",
    );
    if (priority !== undefined) fields.priority = priority;
  }
  const reservoir = wholeNumberProblem(
    values.reservoir,
    0,
    Number.MAX_SAFE_INTEGER,
    "Give a reservoir: 0 traces no request before the fixed rate applies.",
  );
  if (reservoir !== undefined) fields.reservoir = reservoir;
  const rate = rateProblem(values.ratePercent);
  if (rate !== undefined) fields.ratePercent = rate;
  const attributes: Record<number, AttributeProblem> = {};
  if (!isDefault) {
    for (const { field } of MATCHER_FIELDS) {
      const problem = matcherProblem(values.matchers[field], SAMPLING_MATCHER_MAX_CHARS[field]);
      if (problem !== undefined) fields[field] = problem;
    }
    const seen = new Set<string>();
    for (const entry of values.attributes) {
      const problem = attributeProblem(entry, seen);
      if (problem.key !== undefined || problem.value !== undefined) attributes[entry.id] = problem;
      seen.add(entry.key.trim());
    }
  }
  return { fields, attributes };
}

export function hasProblems(problems: RuleFormProblems): boolean {
  return Object.keys(problems.fields).length > 0 || Object.keys(problems.attributes).length > 0;
}

/** The form control name (as the form names them) of the first field with a problem. */
export function firstProblemField(
  problems: RuleFormProblems,
  values: RuleFormValues,
): string | undefined {
  const order: RuleFormField[] = [
    "name",
    "priority",
    "reservoir",
    "ratePercent",
    ...MATCHER_FIELDS.map(({ field }) => field),
  ];
  const field = order.find((name) => problems.fields[name] !== undefined);
  if (field !== undefined) return field;
  for (const entry of values.attributes) {
    const problem = problems.attributes[entry.id];
    if (problem?.key !== undefined) return `attribute-${entry.id}-key`;
    if (problem?.value !== undefined) return `attribute-${entry.id}-value`;
  }
  return undefined;
}

/** The `SamplingRule` of `CreateSamplingRule`; call only when `ruleFormProblems` found none. */
export function createRuleBody(values: RuleFormValues): Omit<SamplingRule, "RuleARN"> {
  return {
    RuleName: values.name.trim(),
    Priority: Number(values.priority),
    FixedRate: rateOf(values.ratePercent),
    ReservoirSize: Number(values.reservoir),
    ...trimmedMatchers(values),
    Version: 1,
    Attributes: attributesOf(values),
  };
}

/**
 * The `SamplingRuleUpdate` of `UpdateSamplingRule`: every field, attributes included (they
 * replace the rule's); for `Default`, only what X-Ray lets change.
 */
export function updateRuleBody(values: RuleFormValues): Record<string, unknown> {
  const rates = {
    RuleName: values.name,
    FixedRate: rateOf(values.ratePercent),
    ReservoirSize: Number(values.reservoir),
  };
  if (isDefaultRuleName(values.name)) return rates;
  return {
    ...rates,
    Priority: Number(values.priority),
    ...trimmedMatchers(values),
    Attributes: attributesOf(values),
  };
}

function nameProblem(name: string, existing: readonly string[]): string | undefined {
  const trimmed = name.trim();
  const max = SAMPLING_RULE_LIMITS.maxRuleNameChars;
  if (trimmed === "") return "Give the rule a name.";
  if (trimmed !== name) return "No spaces at the start or the end.";
  if (name.length > max) return `At most ${max} characters (${name.length} now).`;
  if (isDefaultRuleName(name)) return "Default is the built-in rule; pick another name.";
  if (existing.includes(name)) return `A rule named ${name} already exists.`;
  return undefined;
}

function wholeNumberProblem(
  text: string,
  min: number,
  max: number,
  missing: string,
): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return missing;
  if (!/^\d+$/.test(trimmed)) return `A whole number ${describeRange(min, max)}.`;
  const value = Number(trimmed);
  if (value < min || value > max) return `Out of range: ${describeRange(min, max)}.`;
  return undefined;
}

function describeRange(min: number, max: number): string {
  return max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
}

function rateProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "Give a rate: 0 traces nothing beyond the reservoir, 100 everything.";
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return "A number of percent, like 5 or 0.5.";
  const value = Number(trimmed);
  if (value > 100) return "At most 100 %.";
  return undefined;
}

function matcherProblem(text: string, max: number): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "Use * to match anything.";
  if (trimmed.length > max) return `At most ${max} characters (${trimmed.length} now).`;
  return undefined;
}

function attributeProblem(entry: AttributeEntry, seen: ReadonlySet<string>): AttributeProblem {
  const max = SAMPLING_RULE_LIMITS.maxAttributeChars;
  const key = entry.key.trim();
  const problem: { key?: string; value?: string } = {};
  if (key === "") problem.key = "Give the attribute's name.";
  else if (key.length > max) problem.key = `At most ${max} characters (${key.length} now).`;
  else if (seen.has(key)) problem.key = `${key} is already matched above.`;
  if (entry.value === "") problem.value = "Give the value to match (* for any).";
  else if (entry.value.length > max) {
    problem.value = `At most ${max} characters (${entry.value.length} now).`;
  }
  return problem;
}

function rateOf(percent: string): number {
  return Number((Number(percent.trim()) / 100).toPrecision(12));
}

function trimmedMatchers(values: RuleFormValues): Record<SamplingMatcherField, string> {
  const matchers = {} as Record<SamplingMatcherField, string>;
  for (const { field } of MATCHER_FIELDS) matchers[field] = values.matchers[field].trim();
  return matchers;
}

function attributesOf(values: RuleFormValues): Record<string, string> {
  return Object.fromEntries(values.attributes.map((entry) => [entry.key.trim(), entry.value]));
}
