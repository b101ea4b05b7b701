/**
 * Id checks by character table: the same verdicts as `isSegmentId` and `isTraceId` (their
 * regular expressions) for every value, for the documents whose ids are checked once per
 * document at ingest (`checkFiledFields`), where the regular expressions were a measurable
 * share of an OpenTelemetry span's cost.
 */

import type { SegmentId, TraceId } from "./units.ts";

/** 1 for each hex digit's character code (either case). */
const HEX = new Uint8Array(128);
for (const character of "0123456789abcdefABCDEF") HEX[character.charCodeAt(0)] = 1;
const ONE = 0x31;
const DASH = 0x2d;

function hexRun(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || HEX[code] === 0) return false;
  }
  return true;
}

/** `isSegmentId`: 16 hex digits. */
export function isSegmentIdByTable(value: unknown): value is SegmentId {
  return typeof value === "string" && value.length === 16 && hexRun(value, 0, 16);
}

/** `isTraceId`: `1-<8 hex digits>-<24 hex digits>`. */
export function isTraceIdByTable(value: unknown): value is TraceId {
  return (
    typeof value === "string" &&
    value.length === 35 &&
    value.charCodeAt(0) === ONE &&
    value.charCodeAt(1) === DASH &&
    value.charCodeAt(10) === DASH &&
    hexRun(value, 2, 10) &&
    hexRun(value, 11, 35)
  );
}
