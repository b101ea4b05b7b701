import { resolve } from "node:path";
import type { DaemonConfig, Parsed } from "../config.ts";
import { InvalidConfigError } from "../errors.ts";
import { parseForwardTarget } from "../forward/forward-target.ts";
import { parseDuration } from "./parse-duration.ts";

/** The command line's data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = ".xray-sandbox";

export interface StorageFlags {
  readonly dataDir?: string | undefined;
  readonly inMemory?: boolean | undefined;
  readonly maxAge?: string | undefined;
  /** `--forward`, repeatable. */
  readonly forward?: readonly string[] | undefined;
}

export type StorageConfig = Pick<DaemonConfig, "dataDir" | "maxAgeMs" | "forwardTo">;

/** `--data-dir`, `--in-memory`, `--max-age`, `--forward` to config; a data dir by default. */
export function parseStorageFlags(
  flags: StorageFlags,
  cwd: string = process.cwd(),
): Parsed<StorageConfig> {
  const fail = (setting: string, message: string): Parsed<StorageConfig> => ({
    ok: false,
    error: new InvalidConfigError(setting, message),
  });
  if (flags.inMemory && flags.dataDir !== undefined) {
    return fail("--in-memory", "give --in-memory or --data-dir, not both");
  }
  if (flags.inMemory && flags.maxAge !== undefined) {
    return fail(
      "--max-age",
      "it decides what the data dir keeps across restarts; with --in-memory nothing is kept",
    );
  }
  if (flags.dataDir !== undefined && flags.dataDir.trim() === "") {
    return fail("--data-dir", "must be a directory path");
  }
  const maxAge = flags.maxAge === undefined ? undefined : parseDuration(flags.maxAge, "--max-age");
  if (maxAge !== undefined && !maxAge.ok) return maxAge;
  const forward = flags.forward ?? [];
  for (const target of forward) {
    const parsed = parseForwardTarget(target, "--forward");
    if (!parsed.ok) return parsed;
  }
  return {
    ok: true,
    value: {
      ...(flags.inMemory ? {} : { dataDir: resolve(cwd, flags.dataDir ?? DEFAULT_DATA_DIR) }),
      ...(maxAge === undefined ? {} : { maxAgeMs: maxAge.value }),
      ...(forward.length === 0 ? {} : { forwardTo: forward.map((target) => target.trim()) }),
    },
  };
}
