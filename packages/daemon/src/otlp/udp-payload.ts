/**
 * ADOT's OTLP-over-UDP payload: `T1S` (sampled) or `T1U` (unsampled), then the base64 of a
 * protobuf `ExportTraceServiceRequest`. Over UDP the X-Ray header line and `\n` come first
 * (whitespace in the header varies by writer; the receive path has checked it).
 */

const NEWLINE = 0x0a;
const PREFIX_BYTES = 3;
/** The base64 alphabet's characters, by code (padding is handled on its own). */
const BASE64_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_ALPHABET = new Uint8Array(128);
for (const character of BASE64_CHARACTERS) {
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
  | {
      readonly ok: true;
      readonly sampled: boolean;
      readonly protobuf: Uint8Array;
      /** `protobuf` is a buffer of its own (not shared, not the caller's): kept as it is. */
      readonly owned: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** True when the text (a PutTraceSegments entry) is an OTLP payload rather than JSON. */
export function isOtlpEntry(text: string): boolean {
  return text.startsWith("T1S") || text.startsWith("T1U");
}

/**
 * The payload, read from the bytes in one pass: the prefix by its bytes, then the base64
 * decoded straight into a buffer of the payload's own (no text, no second copy). Anything
 * this pass does not take (a wrong prefix, a character outside the alphabet or outside
 * ASCII, a length that is not a multiple of 4) is read again by `payloadFromText`, the
 * text-based reading, so a refused payload gets the same message as before.
 */
export function otlpPayload(bytes: Uint8Array): OtlpPayload {
  const newline = bytes.indexOf(NEWLINE);
  const start = newline === -1 ? 0 : newline + 1;
  if (bytes.length >= start + PREFIX_BYTES && bytes[start] === T && bytes[start + 1] === ONE) {
    const sampledByte = bytes[start + 2];
    if (sampledByte === S || sampledByte === U) {
      const protobuf = decodeBase64(bytes, start + PREFIX_BYTES);
      if (protobuf !== undefined) {
        return { ok: true, sampled: sampledByte === S, protobuf, owned: true };
      }
    }
  }
  return payloadFromText(bytes, start);
}

const T = 0x54;
const ONE = 0x31;
const S = 0x53;
const U = 0x55;

/** The whitespace `String#trimEnd` takes off that is ASCII (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** What Node's base64 decoder also takes as 62 and 63 (the URL alphabet's `+` and `/`). */
const DASH = 0x2d;
const UNDERSCORE = 0x5f;

/**
 * `bytes[start..]`, trailing ASCII whitespace left off, decoded from base64 into a new
 * buffer; `undefined` when it is not all base64 (up to two `=` at its end) of a length that
 * is a multiple of 4. Gives the same bytes as `Buffer.from(text, "base64")` of such a text.
 *
 * Node's decoder does the decoding: on the path, with the garbage of the string it reads,
 * the pass costs about a quarter less than a loop over the bytes in JavaScript did. It skips
 * what is not base64, or stops at it, so a text holding anything else gives fewer bytes than
 * its length promises, which is how such a text is told apart; `-` and `_`, which it decodes
 * (the URL alphabet), are looked for first. The string is the bytes' Latin-1 text, one byte
 * a character, made in one copy. A text refused here is read again by `payloadFromText`,
 * whose verdict stands: a decoder that gives fewer bytes for a valid text (another Node
 * version) costs a second reading, not a refusal.
 */
export function decodeBase64(bytes: Uint8Array, start: number): Uint8Array | undefined {
  let end = bytes.length;
  while (end > start && isAsciiSpace(bytes[end - 1] as number)) end--;
  const length = end - start;
  if (length % 4 !== 0) return undefined;
  let padding = 0;
  if (length > 0 && bytes[end - 1] === EQUALS) {
    padding = bytes[end - 2] === EQUALS ? 2 : 1;
  }
  const size = (length / 4) * 3 - padding;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  if (view.indexOf(DASH, start) !== -1 || view.indexOf(UNDERSCORE, start) !== -1) return undefined;
  // A buffer of its own, not a slice of Node's shared pool: the decoder keeps it.
  const out = Buffer.allocUnsafeSlow(size);
  const written =
    size === 0 ? 0 : out.write(view.toString("latin1", start, end), 0, size, "base64");
  return written === size ? out : undefined;
}

/** The payload read as text (UTF-8, trimmed): its verdicts and messages are the reference. */
export function payloadFromText(bytes: Uint8Array, start: number): OtlpPayload {
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
    // Not copied here: the decoder copies it (the buffer may be part of Node's shared pool).
    protobuf: Buffer.from(body, "base64"),
    owned: false,
  };
}

/** True when a whole datagram's body (after the header line) starts with `T1S` or `T1U`. */
export function isOtlpDatagram(bytes: Uint8Array): boolean {
  const newline = bytes.indexOf(NEWLINE);
  if (newline === -1) return false;
  const sampledByte = bytes[newline + 3];
  return (
    bytes[newline + 1] === T &&
    bytes[newline + 2] === ONE &&
    (sampledByte === S || sampledByte === U)
  );
}
