/**
 * A list of sampling rules from a user (a rules file, the `samplingRules` option): each rule
 * checked, names unique, within the rule limit. Problems name the rule by its 1-based
 * position and its name, e.g. `rule 2 ("checkout"): "FixedRate" must be a number between 0 and 1`.
 */

import { SAMPLING_RULE_LIMITS } from "@xray-sandbox/segments";
import { checkSamplingRule, describe, isRecord } from "./check-sampling-rule.ts";
import { DEFAULT_RULE_NAME, type SamplingRuleDefinition } from "./sampling-rule.ts";

/** X-Ray's quota of rules per account and region, besides `Default`. */
export const MAX_SAMPLING_RULES = SAMPLING_RULE_LIMITS.maxRules;

export type RuleListCheck =
  | { readonly ok: true; readonly rules: readonly SamplingRuleDefinition[] }
  | { readonly ok: false; readonly message: string };

const SHAPE =
  'expected a list of rules, {"SamplingRules": [...]} or {"SamplingRuleRecords": [...]}';

/**
 * Takes what `JSON.parse` gave for a rules file: a list of rules, `{"SamplingRules": [...]}`,
 * or the output of `aws xray get-sampling-rules` (`{"SamplingRuleRecords": [{"SamplingRule": ...}]}`).
 */
export function checkSamplingRuleList(value: unknown): RuleListCheck {
  const list = ruleList(value);
  if (list === undefined) return { ok: false, message: `${SHAPE}, got ${describe(value)}` };
  const rules: SamplingRuleDefinition[] = [];
  const positions = new Map<string, number>();
  for (const [index, item] of list.entries()) {
    const position = index + 1;
    const checked = checkSamplingRule(item, { unknownFields: "reject" });
    if (!checked.ok)
      return { ok: false, message: `${ruleLabel(position, item)}: ${checked.message}` };
    const name = checked.rule.RuleName;
    const earlier = positions.get(name);
    if (earlier !== undefined) {
      return {
        ok: false,
        message: `${ruleLabel(position, item)}: "RuleName" ${JSON.stringify(name)} is already used by rule ${earlier}`,
      };
    }
    positions.set(name, position);
    rules.push(checked.rule);
  }
  const custom = rules.filter((rule) => rule.RuleName !== DEFAULT_RULE_NAME);
  if (custom.length > MAX_SAMPLING_RULES) {
    return {
      ok: false,
      message: `${custom.length} rules, more than the ${MAX_SAMPLING_RULES} X-Ray allows besides Default`,
    };
  }
  return { ok: true, rules };
}

function ruleList(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.SamplingRules)) return value.SamplingRules;
  if (Array.isArray(value.SamplingRuleRecords)) {
    return value.SamplingRuleRecords.map((record: unknown) =>
      isRecord(record) && "SamplingRule" in record ? record.SamplingRule : record,
    );
  }
  return undefined;
}

function ruleLabel(position: number, item: unknown): string {
  const name = isRecord(item) ? item.RuleName : undefined;
  return typeof name === "string" && name !== ""
    ? `rule ${position} (${JSON.stringify(name)})`
    : `rule ${position}`;
}
