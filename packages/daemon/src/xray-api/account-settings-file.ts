/**
 * `account-settings.json` in the data dir: the encryption config, the indexing rule and the
 * trace segment destination the X-Ray API was given, as
 * `{"version": 1, "settings": [{"Setting": "EncryptionConfig", "Type": "KMS", "KeyId": "..."},
 * {"Setting": "IndexingRule", "Name": "Default", "DesiredSamplingPercentage": 5, "ModifiedAt": 1790000000},
 * {"Setting": "TraceSegmentDestination", "Destination": "XRay"}]}`.
 * Read back with the API's checks; a setting left out keeps its default.
 */

import { epochSeconds } from "@xray-sandbox/segments";
import { formatVersionedFile, readVersionedList } from "../persistence/versioned-file.ts";
import { isRecord } from "../sampling/check-sampling-rule.ts";
import {
  type AccountSettings,
  DEFAULT_INDEXING_RULE,
  type EncryptionConfig,
  indexingRule,
  MAX_KEY_ID_LENGTH,
  type TraceSegmentDestination,
} from "./account-state.ts";

export const ACCOUNT_SETTINGS_FILE = "account-settings.json";
export const ACCOUNT_SETTINGS_FILE_VERSION = 1;

export type SavedAccountSettings = Partial<AccountSettings>;

export type AccountSettingsFileCheck =
  | { readonly ok: true; readonly settings: SavedAccountSettings }
  | { readonly ok: false; readonly message: string };

export function formatAccountSettingsFile(settings: AccountSettings): string {
  const { encryption, indexingRule: rule, destination } = settings;
  return formatVersionedFile(ACCOUNT_SETTINGS_FILE_VERSION, "settings", [
    {
      Setting: "EncryptionConfig",
      Type: encryption.Type,
      ...(encryption.KeyId === undefined ? {} : { KeyId: encryption.KeyId }),
    },
    {
      Setting: "IndexingRule",
      Name: rule.Name,
      DesiredSamplingPercentage: rule.Rule.Probabilistic.DesiredSamplingPercentage,
      ModifiedAt: rule.ModifiedAt,
    },
    { Setting: "TraceSegmentDestination", Destination: destination },
  ]);
}

/** The settings in an `account-settings.json` text, or the first problem with it (one line). */
export function parseAccountSettingsFile(text: string): AccountSettingsFileCheck {
  const read = readVersionedList(text, ACCOUNT_SETTINGS_FILE_VERSION, "settings");
  if (!read.ok) return fail(read.message);
  let encryption: EncryptionConfig | undefined;
  let rule: AccountSettings["indexingRule"] | undefined;
  let destination: TraceSegmentDestination | undefined;
  const seen = new Set<string>();
  for (const [index, item] of read.items.entries()) {
    const label = `setting ${index + 1}`;
    if (!isRecord(item) || typeof item.Setting !== "string") {
      return fail(
        `${label}: expected {"Setting": "EncryptionConfig" | "IndexingRule" | "TraceSegmentDestination", ...}`,
      );
    }
    if (seen.has(item.Setting)) return fail(`${label}: ${item.Setting} is there twice`);
    seen.add(item.Setting);
    switch (item.Setting) {
      case "EncryptionConfig": {
        const { Type, KeyId } = item;
        if (Type !== "NONE" && Type !== "KMS") return fail(`${label}: Type must be NONE or KMS`);
        if (Type === "NONE") {
          if (KeyId !== undefined) return fail(`${label}: KeyId must be omitted when Type is NONE`);
          encryption = { Status: "ACTIVE", Type };
          break;
        }
        if (typeof KeyId !== "string" || KeyId === "" || KeyId.length > MAX_KEY_ID_LENGTH) {
          return fail(`${label}: KeyId must be a string of 1 to ${MAX_KEY_ID_LENGTH} characters`);
        }
        encryption = { KeyId, Status: "ACTIVE", Type };
        break;
      }
      case "IndexingRule": {
        const { Name, DesiredSamplingPercentage: percentage, ModifiedAt } = item;
        if (Name !== DEFAULT_INDEXING_RULE) {
          return fail(`${label}: Name must be ${JSON.stringify(DEFAULT_INDEXING_RULE)}`);
        }
        if (typeof percentage !== "number" || !(percentage >= 0 && percentage <= 100)) {
          return fail(`${label}: DesiredSamplingPercentage must be a number from 0 to 100`);
        }
        if (typeof ModifiedAt !== "number" || !Number.isFinite(ModifiedAt) || ModifiedAt < 0) {
          return fail(`${label}: ModifiedAt must be epoch seconds`);
        }
        rule = indexingRule(percentage, epochSeconds(ModifiedAt));
        break;
      }
      case "TraceSegmentDestination": {
        const { Destination } = item;
        if (Destination !== "XRay" && Destination !== "CloudWatchLogs") {
          return fail(`${label}: Destination must be XRay or CloudWatchLogs`);
        }
        destination = Destination;
        break;
      }
      default:
        return fail(
          `${label}: unknown Setting ${JSON.stringify(item.Setting)}; expected EncryptionConfig, IndexingRule or TraceSegmentDestination`,
        );
    }
  }
  return {
    ok: true,
    settings: {
      ...(encryption === undefined ? {} : { encryption }),
      ...(rule === undefined ? {} : { indexingRule: rule }),
      ...(destination === undefined ? {} : { destination }),
    },
  };
}

function fail(message: string): AccountSettingsFileCheck {
  return { ok: false, message };
}
