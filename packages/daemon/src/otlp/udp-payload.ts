/**
 * ADOT's OTLP-over-UDP payload: `T1S` (sampled) or `T1U` (unsampled), then the base64 of a
 * protobuf `ExportTraceServiceRequest`. Over UDP the X-Ray header line and `\n` come first
 * (whitespace in the header varies by writer; the receive path has checked it).
 */

const NEWLINE = 0x0a;
const PREFIX_BYTES = 3;
/** The base64 alphabet's characters, by code (padding is handled on its own). */
const BASE64_ALPHABET = new Uint8Array(128);
for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
  BASE64_ALPHABET[character.charCodeAt(0)] = 1;
}
const EQUALS = 0x3d;
const utf8 = new TextDecoder();

/**
 * `/^[A-Za-z0-9+/]*={0,2}$/.test(text)`, by a table: the regular expression took about 7 ns a
 * character, the larger part of a datagram's checks.
 */
function isBase64Text(text: string): boolean {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === EQUALS) end--;
  if (end > 0 && text.charCodeAt(end - 1) === EQUALS) end--;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || BASE64_ALPHABET[code] === 0) return false;
  }
  return true;
}

export type OtlpPayload =
  | { readonly ok: true; readonly sampled: boolean; readonly protobuf: Uint8Array }
  | { readonly ok: false; readonly message: string };

/** True when the text (a PutTraceSegments entry) is an OTLP payload rather than JSON. */
export function isOtlpEntry(text: string): boolean {
  return text.startsWith("T1S") || text.startsWith("T1U");
}

export function otlpPayload(bytes: Uint8Array): OtlpPayload {
  const newline = bytes.indexOf(NEWLINE);
  const start = newline === -1 ? 0 : newline + 1;
  const prefix = utf8.decode(bytes.subarray(start, start + PREFIX_BYTES));
  if (prefix !== "T1S" && prefix !== "T1U") {
    return {
      ok: false,
      message: `expected the prefix T1S or T1U, found ${JSON.stringify(prefix)}`,
    };
  }
  const body = utf8.decode(bytes.subarray(start + PREFIX_BYTES)).trimEnd();
  if (body.length % 4 !== 0 || !isBase64Text(body)) {
    const where =
      body.length % 4 !== 0
        ? `${body.length} characters, not a multiple of 4`
        : "characters outside the base64 alphabet";
    return {
      ok: false,
      message: `the ${prefix} body is not base64 (${where}): the datagram was cut short or altered`,
    };
  }
  return {
    ok: true,
    sampled: prefix === "T1S",
    // Not copied again: the decoder copies what it keeps.
    protobuf: Buffer.from(body, "base64"),
  };
}

/** True when a whole datagram's body (after the header line) starts with `T1S` or `T1U`. */
export function isOtlpDatagram(bytes: Uint8Array): boolean {
  const newline = bytes.indexOf(NEWLINE);
  if (newline === -1) return false;
  const prefix = new TextDecoder().decode(bytes.subarray(newline + 1, newline + 1 + PREFIX_BYTES));
  return prefix === "T1S" || prefix === "T1U";
}
