import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { DataDirError, systemErrorCode } from "../errors.ts";
import {
  currentHolder,
  formatLock,
  holderAlive,
  type LockHolder,
  parseLock,
  sameHolder,
} from "./lock-holder.ts";

/**
 * The layout version this daemon writes. 2: segment log records are version 2 (with each
 * document's origin). A format 1 directory is read as it is (its version 1 lines stay
 * readable) and recorded as format 2 once this daemon holds its lock, since the lines it
 * appends are version 2.
 */
export const DATA_FORMAT = 2;
export const FORMAT_FILE = "format.json";
export const LOG_FILE = "segments.ndjson";
export const LOCK_FILE = "daemon.lock";
/** Written into a data dir the daemon creates: traces may hold secrets, so git ignores them. */
export const GITIGNORE_FILE = ".gitignore";
const GITIGNORE_TEXT =
  "# xray-sandbox data: traces may hold secrets; keep them out of version control\n*\n";

export interface DataDir {
  /** Absolute. */
  readonly path: string;
  readonly logPath: string;
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

export type OpenDataDirResult =
  | { readonly ok: true; readonly dataDir: DataDir }
  | { readonly ok: false; readonly error: DataDirError };

export interface OpenDataDirOptions {
  /** Who takes the lock: this process unless told. */
  readonly holder?: LockHolder;
  /** Whether the process a lock names still runs; `holderAlive` unless told. */
  readonly isAlive?: (holder: LockHolder) => boolean;
}

/**
 * Creates the directory when missing (with a `.gitignore` of `*` in it), checks `format.json`
 * (writing it for a new directory, raising it for an older one once the lock is held) and takes the lock that keeps a second daemon from
 * appending to the same log. A lock left by a daemon that is gone (killed, even if never
 * reaped) is taken over.
 */
export function openDataDir(dir: string, options: OpenDataDirOptions = {}): OpenDataDirResult {
  const path = resolve(dir);
  const holder = options.holder ?? currentHolder();
  const isAlive = options.isAlive ?? ((other: LockHolder) => holderAlive(other));
  const fail = (message: string, cause?: unknown): OpenDataDirResult => ({
    ok: false,
    error: new DataDirError(path, message, cause === undefined ? undefined : { cause }),
  });

  let created: string | undefined;
  try {
    created = mkdirSync(path, { recursive: true });
  } catch (error) {
    return fail(`cannot create it: ${describeFsError(error)}`, error);
  }
  // Only a directory made here: an existing one may hold things its owner means to commit.
  if (created !== undefined) {
    try {
      writeFileSync(join(path, GITIGNORE_FILE), GITIGNORE_TEXT);
    } catch (error) {
      return fail(`cannot write ${GITIGNORE_FILE}: ${describeFsError(error)}`, error);
    }
  }

  const format = checkFormat(path);
  if (!format.ok) return fail(format.message);

  const lockPath = join(path, LOCK_FILE);
  const taken = takeLock(lockPath, holder, isAlive);
  if (!taken.ok) {
    return taken.holder === undefined
      ? fail(`cannot write ${LOCK_FILE}: ${describeFsError(taken.error)}`, taken.error)
      : fail(
          `in use by another xray-sandbox (pid ${taken.holder.pid}); stop it, or start with another --data-dir or --in-memory`,
        );
  }
  if (format.found < DATA_FORMAT) {
    const written = writeFormat(path);
    if (written !== undefined) {
      rmSync(lockPath, { force: true });
      return fail(written);
    }
  }

  return {
    ok: true,
    dataDir: {
      path,
      logPath: join(path, LOG_FILE),
      release() {
        const current = readLockHolder(lockPath);
        if (current !== undefined && sameHolder(current, holder)) rmSync(lockPath, { force: true });
      },
    },
  };
}

type TakeLockResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly holder: LockHolder; readonly error?: undefined }
  | { readonly ok: false; readonly holder?: undefined; readonly error: unknown };

/**
 * Creates the lock file exclusively. One already there is ours (a restart in the same
 * process), a live daemon's (refused), or a dead one's: removed, and the creation tried once
 * more, so of two daemons starting at once only one gets it.
 */
function takeLock(
  lockPath: string,
  holder: LockHolder,
  isAlive: (holder: LockHolder) => boolean,
): TakeLockResult {
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      try {
        writeSync(fd, formatLock(holder));
      } finally {
        closeSync(fd);
      }
      return { ok: true };
    } catch (error) {
      if (systemErrorCode(error) !== "EEXIST") return { ok: false, error };
    }
    const current = readLockHolder(lockPath);
    if (current !== undefined && !sameHolder(current, holder) && isAlive(current)) {
      return { ok: false, holder: current };
    }
    if (attempt > 0) {
      // Removed and re-created under us: another daemon won the race.
      return current === undefined
        ? { ok: false, error: new Error("the lock keeps changing") }
        : { ok: false, holder: current };
    }
    try {
      rmSync(lockPath, { force: true });
    } catch (error) {
      return { ok: false, error };
    }
  }
}

type CheckFormatResult =
  | { readonly ok: true; readonly found: number }
  | { readonly ok: false; readonly message: string };

/**
 * The directory's format when this daemon reads it (a new directory's is written now);
 * else why not.
 */
function checkFormat(path: string): CheckFormatResult {
  let text: string;
  try {
    text = readFileSync(join(path, FORMAT_FILE), "utf8");
  } catch (error) {
    if (systemErrorCode(error) !== "ENOENT") {
      return { ok: false, message: `cannot read ${FORMAT_FILE}: ${describeFsError(error)}` };
    }
    const written = writeFormat(path);
    return written === undefined
      ? { ok: true, found: DATA_FORMAT }
      : { ok: false, message: written };
  }
  const format = formatOf(text);
  if (format === undefined) {
    return {
      ok: false,
      message: `${FORMAT_FILE} is not {"format": <version>}; it holds ${JSON.stringify(text.slice(0, 80))}`,
    };
  }
  if (format > DATA_FORMAT) {
    return {
      ok: false,
      message: `it was written by a newer xray-sandbox (data format ${format}; this one reads formats 1 to ${DATA_FORMAT}). Upgrade xray-sandbox, or start with another --data-dir or --in-memory`,
    };
  }
  return { ok: true, found: format };
}

/** Records this daemon's format (atomically); undefined when written, else why not. */
function writeFormat(path: string): string | undefined {
  const formatPath = join(path, FORMAT_FILE);
  try {
    const temporary = `${formatPath}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ format: DATA_FORMAT })}\n`);
    renameSync(temporary, formatPath);
    return undefined;
  } catch (error) {
    return `cannot write ${FORMAT_FILE}: ${describeFsError(error)}`;
  }
}

function formatOf(text: string): number | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("format" in value)) return undefined;
    const { format } = value;
    return typeof format === "number" && Number.isSafeInteger(format) && format >= 1
      ? format
      : undefined;
  } catch {
    return undefined;
  }
}

function readLockHolder(lockPath: string): LockHolder | undefined {
  try {
    return parseLock(readFileSync(lockPath, "utf8"));
  } catch {
    return undefined;
  }
}

export function describeFsError(error: unknown): string {
  const code = systemErrorCode(error);
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "read-only file system";
    case "ENOTDIR":
      return "a path component is not a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
