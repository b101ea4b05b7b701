/**
 * The shared-mode token as the user gives it: on the command line, in a file, or in
 * `XRAY_SANDBOX_AUTH_TOKEN`. Checked once at start; nothing here throws on bad input.
 */

import { readFileSync, statSync } from "node:fs";
import { MAX_AUTH_TOKEN_LENGTH, MIN_AUTH_TOKEN_LENGTH } from "@xray-sandbox/segments";
import type { Parsed } from "../config.ts";
import { InvalidConfigError } from "../errors.ts";

/** The environment variable the CLI reads a token from when no flag gives one. */
export const AUTH_TOKEN_ENV = "XRAY_SANDBOX_AUTH_TOKEN";

function settingError<T>(setting: string, message: string): Parsed<T> {
  return { ok: false, error: new InvalidConfigError(setting, message) };
}

/** Visible ASCII only: the token travels in a header, and is compared byte for byte. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/** A token of MIN..MAX visible ASCII characters, e.g. the output of `openssl rand -hex 32`. */
export function parseAuthToken(text: string, setting: string): Parsed<string> {
  const hint = "e.g. the output of `openssl rand -hex 32`";
  if (text.length < MIN_AUTH_TOKEN_LENGTH) {
    return settingError(
      setting,
      `the token is ${text.length} characters long; use at least ${MIN_AUTH_TOKEN_LENGTH} so that it cannot be guessed (${hint})`,
    );
  }
  if (text.length > MAX_AUTH_TOKEN_LENGTH) {
    return settingError(
      setting,
      `the token is ${text.length} characters long; at most ${MAX_AUTH_TOKEN_LENGTH} are taken`,
    );
  }
  if (!TOKEN_CHARACTERS.test(text)) {
    return settingError(
      setting,
      `the token may hold visible ASCII characters only (no spaces, no control characters, no accents): it is sent in an HTTP header (${hint})`,
    );
  }
  return { ok: true, value: text };
}

export interface TokenFile {
  readonly token: string;
  /** Something the user should fix, though the daemon can start (e.g. the file is world-readable). */
  readonly warning?: string;
}

/** Files larger than this are not tokens: refused before they are read. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * The token in `path`: the file's text without its line break at the end (what `echo` or an
 * editor adds). A file every user of the machine may read gives a warning.
 */
export function readAuthTokenFile(path: string, setting = "--auth-token-file"): Parsed<TokenFile> {
  let text: string;
  let mode: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return settingError(setting, `${path} is not a file`);
    if (stats.size > MAX_TOKEN_FILE_BYTES) {
      return settingError(
        setting,
        `${path} holds ${stats.size} bytes: a token file holds the token only`,
      );
    }
    mode = stats.mode;
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return settingError(setting, `cannot read the token file: ${reason}`);
  }
  const token = text.replace(/\r?\n$/, "");
  if (token === "") return settingError(setting, `${path} is empty: write the token into it`);
  const parsed = parseAuthToken(token, `${setting} ${path}`);
  if (!parsed.ok) return parsed;
  const worldReadable = (mode & 0o004) !== 0;
  return {
    ok: true,
    value: {
      token: parsed.value,
      ...(worldReadable
        ? {
            warning: `the token file ${path} may be read by every user of this machine (mode ${(mode & 0o777).toString(8)}): chmod 600 ${path}`,
          }
        : {}),
    },
  };
}
