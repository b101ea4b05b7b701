/**
 * `sampling-rules.json` in the data dir: every rule the daemon serves, `Default` included,
 * as `{"version": 1, "rules": [rule, ...]}` (a rule without its ARN, which follows from its
 * name). Read back with the checks of a `--sampling-rules` file.
 */

import type { SamplingRuleRecord } from "@xray-sandbox/segments";
import { formatVersionedFile, readVersionedList } from "../persistence/versioned-file.ts";
import type { SamplingRuleDefinition } from "./sampling-rule.ts";
import { checkSamplingRuleList, type RuleListCheck } from "./sampling-rule-list.ts";

export const SAMPLING_RULES_FILE = "sampling-rules.json";
export const SAMPLING_RULES_FILE_VERSION = 1;

export function formatSavedRules(records: readonly SamplingRuleRecord[]): string {
  const rules: SamplingRuleDefinition[] = records.map(({ SamplingRule }) => {
    const { RuleARN: _arn, ...definition } = SamplingRule;
    return definition;
  });
  return formatVersionedFile(SAMPLING_RULES_FILE_VERSION, "rules", rules);
}

/** The rules in a `sampling-rules.json` text, or the first problem with it (one line). */
export function parseSavedRules(text: string): RuleListCheck {
  const read = readVersionedList(text, SAMPLING_RULES_FILE_VERSION, "rules");
  return read.ok ? checkSamplingRuleList(read.items) : read;
}
