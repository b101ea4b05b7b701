/**
 * `tags.json` in the data dir: the tags on groups and sampling rules, by ARN, as
 * `{"version": 1, "resources": [{"ResourceARN": "...", "Tags": [{"Key": "...", "Value": "..."}]}]}`.
 * Read back with the API's checks on tags.
 */

import { formatVersionedFile, readVersionedList } from "../persistence/versioned-file.ts";
import { isRecord } from "../sampling/check-sampling-rule.ts";
import { ACCOUNT_BOUNDS } from "./account-state.ts";
import { keyProblem, MAX_VALUE_LENGTH } from "./resource-tags.ts";

export const TAGS_FILE = "tags.json";
export const TAGS_FILE_VERSION = 1;

/** Resource ARN → tag key → value. */
export type SavedTags = ReadonlyMap<string, ReadonlyMap<string, string>>;

export type TagsFileCheck =
  | { readonly ok: true; readonly tags: SavedTags }
  | { readonly ok: false; readonly message: string };

export function formatTagsFile(tags: SavedTags): string {
  const resources = [...tags].map(([ResourceARN, each]) => ({
    ResourceARN,
    Tags: [...each].map(([Key, Value]) => ({ Key, Value })),
  }));
  return formatVersionedFile(TAGS_FILE_VERSION, "resources", resources);
}

/** The tags in a `tags.json` text, or the first problem with it (one line). */
export function parseTagsFile(text: string): TagsFileCheck {
  const read = readVersionedList(text, TAGS_FILE_VERSION, "resources");
  if (!read.ok) return fail(read.message);
  const tags = new Map<string, Map<string, string>>();
  const seen = new Set<string>();
  for (const [index, item] of read.items.entries()) {
    const label = `resource ${index + 1}`;
    if (!isRecord(item) || typeof item.ResourceARN !== "string" || !Array.isArray(item.Tags)) {
      return fail(`${label}: expected {"ResourceARN": "...", "Tags": [...]}`);
    }
    const arn = item.ResourceARN;
    if (seen.has(arn)) return fail(`${label}: ${arn} is there twice`);
    seen.add(arn);
    if (item.Tags.length > ACCOUNT_BOUNDS.maxTagsPerResource) {
      return fail(
        `${label}: ${item.Tags.length} tags; a resource holds at most ${ACCOUNT_BOUNDS.maxTagsPerResource}`,
      );
    }
    const each = new Map<string, string>();
    for (const [position, tag] of item.Tags.entries()) {
      const where = `${label}: Tags[${position}]`;
      if (!isRecord(tag) || typeof tag.Key !== "string" || typeof tag.Value !== "string") {
        return fail(`${where}: expected {"Key": "...", "Value": "..."}`);
      }
      const problem = keyProblem(tag.Key);
      if (problem !== undefined) return fail(`${where}.Key ${problem}`);
      if (tag.Value.length > MAX_VALUE_LENGTH) {
        return fail(`${where}.Value must be at most ${MAX_VALUE_LENGTH} characters`);
      }
      if (each.has(tag.Key)) return fail(`${where}.Key ${JSON.stringify(tag.Key)} is there twice`);
      each.set(tag.Key, tag.Value);
    }
    if (each.size > 0) tags.set(arn, each);
  }
  return { ok: true, tags };
}

function fail(message: string): TagsFileCheck {
  return { ok: false, message };
}
