/**
 * `sampling-rules.json` in the data dir: every rule the daemon serves, `Default` included,
 * as `{"version": 1, "rules": [rule, ...]}` (a rule without its ARN, which follows from its
 * name). Read back with the checks of a `--sampling-rules` file.
 */

import type { SamplingRuleRecord } from "@xray-sandbox/segments";
import { versionProblem } from "../groups/groups-file.ts";
import { isRecord } from "./check-sampling-rule.ts";
import type { SamplingRuleDefinition } from "./sampling-rule.ts";
import { checkSamplingRuleList, type RuleListCheck } from "./sampling-rule-list.ts";

export const SAMPLING_RULES_FILE = "sampling-rules.json";
export const SAMPLING_RULES_FILE_VERSION = 1;

export function formatSavedRules(records: readonly SamplingRuleRecord[]): string {
  const rules: SamplingRuleDefinition[] = records.map(({ SamplingRule }) => {
    const { RuleARN: _arn, ...definition } = SamplingRule;
    return definition;
  });
  return `${JSON.stringify({ version: SAMPLING_RULES_FILE_VERSION, rules }, null, 2)}\n`;
}

/** The rules in a `sampling-rules.json` text, or the first problem with it (one line). */
export function parseSavedRules(text: string): RuleListCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not valid JSON: ${message.replace(/\s+/g, " ")}` };
  }
  if (!isRecord(value) || !Array.isArray(value.rules)) {
    return {
      ok: false,
      message: `expected {"version": ${SAMPLING_RULES_FILE_VERSION}, "rules": [...]}`,
    };
  }
  if (value.version !== SAMPLING_RULES_FILE_VERSION) {
    return { ok: false, message: versionProblem(value.version, SAMPLING_RULES_FILE_VERSION) };
  }
  return checkSamplingRuleList(value.rules);
}
