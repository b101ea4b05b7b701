/**
 * `groups.json` in the data dir: every group, `Default` included, with its ARN, so a restart
 * gives the same groups under the same ARNs. `{"version": 1, "groups": [Group, ...]}`.
 * Reading checks the shape here; `GroupRegistry.restore` checks the groups as the API does.
 */

import type { Group, InsightsConfiguration } from "@xray-sandbox/segments";
import { formatVersionedFile, readVersionedList } from "../persistence/versioned-file.ts";
import { isRecord } from "../sampling/check-sampling-rule.ts";
import { DEFAULT_GROUP_NAME, GROUP_ARN_PREFIX, groupNameProblem } from "./group.ts";

export const GROUPS_FILE = "groups.json";
export const GROUPS_FILE_VERSION = 1;

export type GroupsFileCheck =
  | { readonly ok: true; readonly groups: readonly Group[] }
  | { readonly ok: false; readonly message: string };

const GROUP_FIELDS = ["GroupName", "GroupARN", "FilterExpression", "InsightsConfiguration"];
const INSIGHTS_FIELDS = ["InsightsEnabled", "NotificationsEnabled"];
/** The id after the name in a group ARN. */
const ARN_ID = /^[A-Za-z0-9]{1,64}$/;

export function formatGroupsFile(groups: readonly Group[]): string {
  return formatVersionedFile(GROUPS_FILE_VERSION, "groups", groups);
}

/** The groups in a `groups.json` text, or the first problem with it (one line). */
export function parseGroupsFile(text: string): GroupsFileCheck {
  const read = readVersionedList(text, GROUPS_FILE_VERSION, "groups");
  if (!read.ok) return fail(read.message);
  const groups: Group[] = [];
  for (const [index, item] of read.items.entries()) {
    const checked = checkGroup(item);
    if (!checked.ok) return fail(`${groupLabel(index + 1, item)}: ${checked.message}`);
    groups.push(checked.group);
  }
  return { ok: true, groups };
}

function checkGroup(
  item: unknown,
): { readonly ok: true; readonly group: Group } | { readonly ok: false; readonly message: string } {
  if (!isRecord(item)) return { ok: false, message: "expected a group object" };
  const unknown = Object.keys(item).find((key) => !GROUP_FIELDS.includes(key));
  if (unknown !== undefined)
    return { ok: false, message: `unknown field ${JSON.stringify(unknown)}` };
  const name = item.GroupName;
  if (typeof name !== "string") return { ok: false, message: '"GroupName" must be a string' };
  const nameProblem = groupNameProblem(name);
  if (nameProblem !== undefined) return { ok: false, message: nameProblem };
  const arn = item.GroupARN;
  const prefix = `${GROUP_ARN_PREFIX}${name}/`;
  if (
    typeof arn !== "string" ||
    !arn.startsWith(prefix) ||
    !ARN_ID.test(arn.slice(prefix.length))
  ) {
    return { ok: false, message: `"GroupARN" must be ${prefix}<id of letters and digits>` };
  }
  const expression = item.FilterExpression;
  if (expression !== undefined && typeof expression !== "string") {
    return { ok: false, message: '"FilterExpression" must be a string' };
  }
  if (name === DEFAULT_GROUP_NAME && expression !== undefined) {
    return {
      ok: false,
      message: "the Default group holds every trace; it has no FilterExpression",
    };
  }
  const insights = checkInsights(item.InsightsConfiguration);
  if (typeof insights === "string") return { ok: false, message: insights };
  return {
    ok: true,
    group: {
      GroupName: name,
      GroupARN: arn,
      ...(expression === undefined ? {} : { FilterExpression: expression }),
      InsightsConfiguration: insights,
    },
  };
}

function checkInsights(value: unknown): InsightsConfiguration | string {
  if (value === undefined) return { InsightsEnabled: false, NotificationsEnabled: false };
  if (!isRecord(value)) return '"InsightsConfiguration" must be an object';
  const unknown = Object.keys(value).find((key) => !INSIGHTS_FIELDS.includes(key));
  if (unknown !== undefined) return `unknown field "InsightsConfiguration.${unknown}"`;
  const { InsightsEnabled = false, NotificationsEnabled = false } = value;
  if (typeof InsightsEnabled !== "boolean" || typeof NotificationsEnabled !== "boolean") {
    return '"InsightsConfiguration" fields must be true or false';
  }
  return { InsightsEnabled, NotificationsEnabled };
}

function groupLabel(position: number, item: unknown): string {
  const name = isRecord(item) ? item.GroupName : undefined;
  return typeof name === "string" && name !== ""
    ? `group ${position} (${JSON.stringify(name)})`
    : `group ${position}`;
}

function fail(message: string): GroupsFileCheck {
  return { ok: false, message };
}
