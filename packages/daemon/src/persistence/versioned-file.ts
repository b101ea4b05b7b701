/**
 * The saved-settings files of a data dir (`groups.json`, `sampling-rules.json`, `tags.json`):
 * `{"version": N, "<key>": [...]}`, written pretty with a final newline. Reading checks the
 * envelope; each file checks its own entries.
 */

import { isRecord } from "../sampling/check-sampling-rule.ts";

export type VersionedList =
  | { readonly ok: true; readonly items: readonly unknown[] }
  | { readonly ok: false; readonly message: string };

export function formatVersionedFile(version: number, key: string, items: unknown): string {
  return `${JSON.stringify({ version, [key]: items }, null, 2)}\n`;
}

/** The list under `key` in a saved file's text, or the first problem with it (one line). */
export function readVersionedList(text: string, version: number, key: string): VersionedList {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not valid JSON: ${message.replace(/\s+/g, " ")}` };
  }
  const items = isRecord(value) ? value[key] : undefined;
  if (!isRecord(value) || !Array.isArray(items)) {
    return { ok: false, message: `expected {"version": ${version}, "${key}": [...]}` };
  }
  if (value.version !== version) {
    return { ok: false, message: versionProblem(value.version, version) };
  }
  return { ok: true, items };
}

/** Why a saved file's `version` is not the one this daemon reads. */
export function versionProblem(found: unknown, expected: number): string {
  return typeof found === "number" && Number.isSafeInteger(found) && found > expected
    ? `it was written by a newer xray-sandbox (version ${found}; this one reads version ${expected})`
    : `"version" must be ${expected}, got ${JSON.stringify(found) ?? "nothing"}`;
}
