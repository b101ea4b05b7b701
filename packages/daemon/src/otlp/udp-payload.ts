/**
 * ADOT's OTLP-over-UDP payload: `T1S` (sampled) or `T1U` (unsampled), then the base64 of a
 * protobuf `ExportTraceServiceRequest`. Over UDP the X-Ray header line and `\n` come first
 * (whitespace in the header varies by writer; the receive path has checked it).
 */

const NEWLINE = 0x0a;
const PREFIX_BYTES = 3;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

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
  const prefix = new TextDecoder().decode(bytes.subarray(start, start + PREFIX_BYTES));
  if (prefix !== "T1S" && prefix !== "T1U") {
    return {
      ok: false,
      message: `expected the prefix T1S or T1U, found ${JSON.stringify(prefix)}`,
    };
  }
  const body = new TextDecoder().decode(bytes.subarray(start + PREFIX_BYTES)).trimEnd();
  if (body.length % 4 !== 0 || !BASE64.test(body)) {
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
    protobuf: new Uint8Array(Buffer.from(body, "base64")),
  };
}

/** True when a whole datagram's body (after the header line) starts with `T1S` or `T1U`. */
export function isOtlpDatagram(bytes: Uint8Array): boolean {
  const newline = bytes.indexOf(NEWLINE);
  if (newline === -1) return false;
  const prefix = new TextDecoder().decode(bytes.subarray(newline + 1, newline + 1 + PREFIX_BYTES));
  return prefix === "T1S" || prefix === "T1U";
}
