/**
 * Ids: W3C trace ids become X-Ray trace ids, span ids are X-Ray segment ids as they are. The
 * collector checks that a trace id's first 8 hex digits are a time within the last 28 days;
 * the sandbox does not (local traces may be replayed from old captures, and OTel SDKs make
 * fully random trace ids), so every non-zero trace id converts.
 *
 * Ids the span does not carry (the service segment of an ADOT local root, exception ids) are
 * derived from the span id with a hash instead of drawn at random, so the same span sent twice
 * gives the same documents.
 */

import type { SegmentId, TraceId } from "../units.ts";

type IdCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** What `hexDigits` found: the id in lowercase, or why it is not one. */
export type HexCheck = string | typeof NOT_HEX | typeof ALL_ZEROS;
export const NOT_HEX = "not hex";
export const ALL_ZEROS = "all zeros";

const ZEROS_16 = "0".repeat(16);
const ZEROS_32 = "0".repeat(32);

/**
 * `id` in lowercase if it is exactly `length` (16 or 32) hex digits, not all zeros: one pass
 * over its characters, and no new string when it is already lowercase (as the decoders write
 * ids). `fromBytes`: the decoder wrote it as lowercase hex from bytes, so only its length and
 * whether it is all zeros are left to check.
 */
export function hexDigits(id: string, length: 16 | 32, fromBytes: boolean): HexCheck {
  if (id.length !== length) return NOT_HEX;
  if (fromBytes) return id === (length === 16 ? ZEROS_16 : ZEROS_32) ? ALL_ZEROS : id;
  let upper = false;
  let nonZero = false;
  for (let i = 0; i < length; i++) {
    const code = id.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) nonZero ||= code !== 0x30;
    else if (code >= 0x61 && code <= 0x66) nonZero = true;
    else if (code >= 0x41 && code <= 0x46) {
      nonZero = true;
      upper = true;
    } else return NOT_HEX;
  }
  if (!nonZero) return ALL_ZEROS;
  return upper ? id.toLowerCase() : id;
}

/** `1-<first 8 hex>-<last 24 hex>` of 32 lowercase hex digits (`hexDigits`). */
export function xrayTraceIdOf(hex: string): TraceId {
  // 32 lowercase hex digits, so the converted id is one (`isTraceId`) by construction.
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}` as TraceId;
}

export function traceIdMessage(traceId: string, check: typeof NOT_HEX | typeof ALL_ZEROS): string {
  return check === NOT_HEX
    ? `trace id ${JSON.stringify(traceId)} is not 32 hex digits`
    : "trace id is all zeros";
}

export function spanIdMessage(
  spanId: string,
  what: string,
  check: typeof NOT_HEX | typeof ALL_ZEROS,
): string {
  return check === NOT_HEX
    ? `${what} ${JSON.stringify(spanId)} is not 16 hex digits`
    : `${what} is all zeros`;
}

/** `1-<first 8 hex>-<last 24 hex>` of a 32-hex W3C trace id. */
export function xrayTraceId(traceId: string): IdCheck<TraceId> {
  const hex = hexDigits(traceId, 32, false);
  if (hex === NOT_HEX || hex === ALL_ZEROS) {
    return { ok: false, message: traceIdMessage(traceId, hex) };
  }
  return { ok: true, value: xrayTraceIdOf(hex) };
}

/** A span id (or parent span id, `what` says which) as an X-Ray segment id. */
export function segmentId(spanId: string, what: string): IdCheck<SegmentId> {
  const hex = hexDigits(spanId, 16, false);
  if (hex === NOT_HEX || hex === ALL_ZEROS) {
    return { ok: false, message: spanIdMessage(spanId, what, hex) };
  }
  // 16 lowercase hex digits: a segment id (`isSegmentId`) by construction.
  return { ok: true, value: hex as SegmentId };
}

/** FNV-1a's 64-bit offset basis, as its high and low 32 bits. */
const FNV_OFFSET_HIGH = 0xcbf29ce4;
const FNV_OFFSET_LOW = 0x84222325;
/** FNV-1a's 64-bit prime is 2⁴⁰ + 435. */
const FNV_PRIME_LOW = 435;
const TWO_TO_32 = 4_294_967_296;

/**
 * A segment id derived from `seed` and `purpose` (FNV-1a, 64 bits): stable for the same
 * input, different for different purposes. Never all zeros. Worked in two 32-bit halves:
 * with a `bigint` each character cost three of them (the translator derives ids for every
 * exception of a failed span).
 */
export function derivedSegmentId(seed: string, purpose: string): SegmentId {
  let high = FNV_OFFSET_HIGH;
  let low = FNV_OFFSET_LOW;
  const text = `${seed}/${purpose}`;
  for (let i = 0; i < text.length; i++) {
    // A UTF-16 unit is at most 16 bits: the exclusive or changes the low half only.
    low = (low ^ text.charCodeAt(i)) >>> 0;
    // × (2⁴⁰ + 435) mod 2⁶⁴: low × 435 carries into the high half, and × 2⁴⁰ moves the low
    // half's lower 24 bits to the high half's top.
    const lowProduct = low * FNV_PRIME_LOW;
    const carry = Math.floor(lowProduct / TWO_TO_32);
    high = (Math.imul(high, FNV_PRIME_LOW) + carry + (low << 8)) >>> 0;
    low = lowProduct >>> 0;
  }
  if (high === 0 && low === 0) low = 1;
  return (high.toString(16).padStart(8, "0") + low.toString(16).padStart(8, "0")) as SegmentId;
}
