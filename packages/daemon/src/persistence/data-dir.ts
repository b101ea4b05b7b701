import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DataDirError, systemErrorCode } from "../errors.ts";

/** The layout version this daemon writes and reads. */
export const DATA_FORMAT = 1;
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
  readonly pid?: number;
  /** Whether a process with this id runs; `kill(pid, 0)` unless told. */
  readonly isRunning?: (pid: number) => boolean;
}

/**
 * Creates the directory when missing (with a `.gitignore` of `*` in it), checks `format.json`
 * (writing it for a new directory) and takes the lock that keeps a second daemon from
 * appending to the same log.
 */
export function openDataDir(dir: string, options: OpenDataDirOptions = {}): OpenDataDirResult {
  const path = resolve(dir);
  const pid = options.pid ?? process.pid;
  const isRunning = options.isRunning ?? processIsRunning;
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
  if (format !== undefined) return fail(format);

  const lockPath = join(path, LOCK_FILE);
  const holder = readLockHolder(lockPath);
  if (holder !== undefined && holder !== pid && isRunning(holder)) {
    return fail(
      `in use by another xray-sandbox (pid ${holder}); stop it, or start with another --data-dir or --in-memory`,
    );
  }
  try {
    writeFileSync(lockPath, `${pid}\n`);
  } catch (error) {
    return fail(`cannot write ${LOCK_FILE}: ${describeFsError(error)}`, error);
  }

  return {
    ok: true,
    dataDir: {
      path,
      logPath: join(path, LOG_FILE),
      release() {
        if (readLockHolder(lockPath) === pid) rmSync(lockPath, { force: true });
      },
    },
  };
}

/** Undefined when the directory's format is one this daemon reads (now recorded); else why not. */
function checkFormat(path: string): string | undefined {
  const formatPath = join(path, FORMAT_FILE);
  let text: string;
  try {
    text = readFileSync(formatPath, "utf8");
  } catch (error) {
    if (systemErrorCode(error) !== "ENOENT") {
      return `cannot read ${FORMAT_FILE}: ${describeFsError(error)}`;
    }
    try {
      const temporary = `${formatPath}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ format: DATA_FORMAT })}\n`);
      renameSync(temporary, formatPath);
      return undefined;
    } catch (writeError) {
      return `cannot write ${FORMAT_FILE}: ${describeFsError(writeError)}`;
    }
  }
  const format = formatOf(text);
  if (format === undefined) {
    return `${FORMAT_FILE} is not {"format": <version>}; it holds ${JSON.stringify(text.slice(0, 80))}`;
  }
  if (format > DATA_FORMAT) {
    return `it was written by a newer xray-sandbox (data format ${format}; this one reads format ${DATA_FORMAT}). Upgrade xray-sandbox, or start with another --data-dir or --in-memory`;
  }
  return undefined;
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

function readLockHolder(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return systemErrorCode(error) === "EPERM";
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
