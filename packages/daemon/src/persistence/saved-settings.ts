import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Group, SamplingRuleRecord, SavedSettingsStats } from "@xray-sandbox/segments";
import { systemErrorCode } from "../errors.ts";
import { formatGroupsFile, GROUPS_FILE, parseGroupsFile } from "../groups/groups-file.ts";
import type { Logger } from "../logger.ts";
import type { SamplingRuleDefinition } from "../sampling/sampling-rule.ts";
import {
  formatSavedRules,
  parseSavedRules,
  SAMPLING_RULES_FILE,
} from "../sampling/saved-rules-file.ts";
import {
  ACCOUNT_SETTINGS_FILE,
  formatAccountSettingsFile,
  parseAccountSettingsFile,
  type SavedAccountSettings,
} from "../xray-api/account-settings-file.ts";
import type { AccountSettings } from "../xray-api/account-state.ts";
import { formatTagsFile, parseTagsFile, type SavedTags, TAGS_FILE } from "../xray-api/tags-file.ts";
import { describeFsError } from "./data-dir.ts";
import { writeFileAtomic } from "./write-file-atomic.ts";

/** What the data dir kept of the API's settings; undefined: no such file (a new data dir). */
export interface SavedSettingsRead {
  readonly groups: readonly Group[] | undefined;
  readonly rules: readonly SamplingRuleDefinition[] | undefined;
  /** Tags on groups and rules, by ARN. */
  readonly tags: SavedTags | undefined;
  /** Encryption, the indexing rule and the trace segment destination. */
  readonly account: SavedAccountSettings | undefined;
}

export type ReadSavedSettingsResult =
  | { readonly ok: true; readonly saved: SavedSettingsRead }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `groups.json`, `sampling-rules.json`, `tags.json` and `account-settings.json` from `dir`. A missing file is an empty
 * setting; one that cannot be read or does not check is refused, naming the file and the
 * problem (the daemon does not start: overwriting it with nothing would lose it).
 */
export function readSavedSettings(
  dir: string,
  read: (path: string) => string = (path) => readFileSync(path, "utf8"),
): ReadSavedSettingsResult {
  const groups = readOne(dir, GROUPS_FILE, read, (text) => {
    const checked = parseGroupsFile(text);
    return checked.ok ? { ok: true, value: checked.groups } : checked;
  });
  if (!groups.ok) return groups;
  const rules = readOne(dir, SAMPLING_RULES_FILE, read, (text) => {
    const checked = parseSavedRules(text);
    return checked.ok ? { ok: true, value: checked.rules } : checked;
  });
  if (!rules.ok) return rules;
  const tags = readOne(dir, TAGS_FILE, read, (text) => {
    const checked = parseTagsFile(text);
    return checked.ok ? { ok: true, value: checked.tags } : checked;
  });
  if (!tags.ok) return tags;
  const account = readOne(dir, ACCOUNT_SETTINGS_FILE, read, (text) => {
    const checked = parseAccountSettingsFile(text);
    return checked.ok ? { ok: true, value: checked.settings } : checked;
  });
  if (!account.ok) return account;
  return {
    ok: true,
    saved: { groups: groups.value, rules: rules.value, tags: tags.value, account: account.value },
  };
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

function readOne<T>(
  dir: string,
  file: string,
  read: (path: string) => string,
  parse: (text: string) => Checked<T>,
): Checked<T | undefined> {
  let text: string;
  try {
    text = read(join(dir, file));
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") return { ok: true, value: undefined };
    return { ok: false, message: `cannot read ${file}: ${describeFsError(error)}` };
  }
  const parsed = parse(text);
  return parsed.ok
    ? parsed
    : {
        ok: false,
        message: `${file}: ${parsed.message}; fix the file, or remove it to start without what it held`,
      };
}

/**
 * Writes the groups, the sampling rules, their tags and the account settings to the data dir, each time whole (through a
 * temporary file and a rename). A failed write is logged and counted; the API's change
 * stands in memory.
 */
export class SavedSettingsWriter {
  readonly #dir: string;
  readonly #logger: Logger;
  #writes = 0;
  #writeErrors = 0;

  constructor(dir: string, logger: Logger) {
    this.#dir = dir;
    this.#logger = logger;
  }

  saveGroups(groups: readonly Group[]): void {
    this.#write(GROUPS_FILE, formatGroupsFile(groups));
  }

  saveRules(records: readonly SamplingRuleRecord[]): void {
    this.#write(SAMPLING_RULES_FILE, formatSavedRules(records));
  }

  saveTags(tags: SavedTags): void {
    this.#write(TAGS_FILE, formatTagsFile(tags));
  }

  saveAccount(settings: AccountSettings): void {
    this.#write(ACCOUNT_SETTINGS_FILE, formatAccountSettingsFile(settings));
  }

  stats(): SavedSettingsStats {
    return { writes: this.#writes, writeErrors: this.#writeErrors };
  }

  #write(file: string, text: string): void {
    const path = join(this.#dir, file);
    try {
      writeFileAtomic(path, text);
      this.#writes++;
    } catch (error) {
      this.#writeErrors++;
      this.#logger.error(
        { err: error, path },
        `cannot write ${file}: ${describeFsError(error)}; the change holds until the daemon stops`,
      );
    }
  }
}
