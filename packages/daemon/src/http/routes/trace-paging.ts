/** Query-string checks and cursors shared by the trace query routes. */

import { isTraceId, type TraceId } from "@xray-sandbox/segments";
import { HttpError } from "../http-error.ts";

const DIGITS = /^\d+$/;

export interface LimitRule {
  readonly defaultValue: number;
  readonly max: number;
}

export function parseLimit(text: string | undefined, { defaultValue, max }: LimitRule): number {
  if (text === undefined || text === "") return defaultValue;
  const value = DIGITS.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= max)) {
    throw new HttpError(
      400,
      "INVALID_LIMIT",
      `limit must be a whole number from 1 to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

export function parseFlag(name: string, text: string | undefined): boolean {
  if (text === undefined || text === "" || text === "false" || text === "0") return false;
  if (text === "true" || text === "1") return true;
  throw new HttpError(
    400,
    "INVALID_PARAMETER",
    `${name} must be true or false, got ${JSON.stringify(text)}`,
  );
}

/** A cursor names the last trace of the page before; it is opaque to clients. */
export function encodeCursor(lastTraceId: TraceId): string {
  return Buffer.from(lastTraceId, "utf8").toString("base64url");
}

export function decodeCursor(text: string | undefined): TraceId | undefined {
  if (text === undefined || text === "") return undefined;
  const id = Buffer.from(text, "base64url").toString("utf8");
  if (!isTraceId(id)) {
    throw new HttpError(
      400,
      "INVALID_CURSOR",
      "cursor is not one this daemon handed out; pass the nextCursor of the previous page",
    );
  }
  return id;
}

/**
 * The ids after `cursor` in `ids` (newest first). Traces leave the store oldest first
 * (eviction) or all at once (clear), so when the cursor's trace is gone, so is every trace
 * that would have followed it: the page is empty.
 */
export function idsAfter(ids: readonly TraceId[], cursor: TraceId | undefined): readonly TraceId[] {
  if (cursor === undefined) return ids;
  const index = ids.indexOf(cursor);
  return index === -1 ? [] : ids.slice(index + 1);
}
