import { readFileSync } from "node:fs";
import { InvalidConfigError, systemErrorCode } from "../errors.ts";
import type { SamplingRuleDefinition } from "./sampling-rule.ts";
import { checkSamplingRuleList } from "./sampling-rule-list.ts";

export type RulesFileResult =
  | { readonly ok: true; readonly rules: readonly SamplingRuleDefinition[] }
  | { readonly ok: false; readonly error: InvalidConfigError };

/**
 * Reads `--sampling-rules FILE`. Every problem is one line naming the file, and the rule
 * and field when there is one: `sampling rules ./r.json: rule 2 ("checkout"): ...`.
 */
export function loadSamplingRulesFile(
  path: string,
  read: (path: string) => string = (file) => readFileSync(file, "utf8"),
): RulesFileResult {
  const fail = (message: string): RulesFileResult => ({
    ok: false,
    error: new InvalidConfigError(`sampling rules ${path}`, message),
  });
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    return fail(`cannot read the file (${readProblem(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(
      `not valid JSON: ${oneLine(error instanceof Error ? error.message : String(error))}`,
    );
  }
  const checked = checkSamplingRuleList(value);
  return checked.ok ? checked : fail(checked.message);
}

function readProblem(error: unknown): string {
  switch (systemErrorCode(error)) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** JSON.parse quotes the input in its message, newlines included. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}
