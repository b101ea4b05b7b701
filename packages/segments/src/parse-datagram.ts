/**
 * One UDP datagram as an X-Ray SDK sends it: a JSON header line (`format` "json",
 * `version` 1), `\n`, then exactly one segment document.
 */

import { describeValue, sanitizeForMessage } from "./describe-value.ts";
import type { ParseOptions } from "./parse-document.ts";
import { MAX_DOCUMENT_BYTES, parseDocumentBody, rejected } from "./parse-document.ts";
import type { ParseResult, RejectedDocument } from "./parse-result.ts";
import { decodeUtf8 } from "./utf8.ts";

/** What the Node SDK writes; other writers put spaces in it, so this is only a fast path. */
const CANONICAL_HEADER = '{"format":"json","version":1}';
const MAX_HEADER_CHARS_SHOWN = 80;

export function parseDatagram(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const framed = datagramBody(bytes, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  if (!framed.ok) return framed;
  return parseDocumentBody(framed.text.slice(framed.bodyStart), options.warnings ?? true);
}

/**
 * The checks before the document itself (size, UTF-8, header, OTLP), shared by the parser
 * and the scanner: the datagram's text and where its body starts, or why it carries none.
 */
export function datagramBody(
  bytes: Uint8Array,
  maxBytes: number,
): { readonly ok: true; readonly text: string; readonly bodyStart: number } | RejectedDocument {
  if (bytes.length > maxBytes) {
    return rejected(
      "too-large",
      `the datagram is ${bytes.length} bytes, over the ${maxBytes}-byte limit; real X-Ray drops it too: send large subsegments on their own or trim metadata`,
    );
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return rejected("invalid-utf8", "the datagram is not valid UTF-8");
  }
  const newline = text.indexOf("\n");
  if (newline === -1) {
    return rejected(
      "no-separator",
      `no newline in the datagram: expected the header ${CANONICAL_HEADER}, "\\n", then one JSON document`,
    );
  }
  if (newline !== CANONICAL_HEADER.length || !text.startsWith(CANONICAL_HEADER)) {
    const problem = headerProblem(text.slice(0, newline));
    if (problem !== undefined) return rejected("bad-header", problem);
  }
  const bodyStart = newline + 1;
  if (text.startsWith("T1S", bodyStart) || text.startsWith("T1U", bodyStart)) {
    // The daemon's receive path tells these apart before parsing (`isOtlpDatagram`) and
    // decodes them; whoever else parses one learns what it is.
    return rejected(
      "not-json",
      `the body is OTLP spans for UDP (ADOT OTLPUdpSpanExporter, prefix "${text.slice(bodyStart, bodyStart + 3)}"), not an X-Ray segment document: the daemon decodes these datagrams into X-Ray documents; parseDatagram reads segment JSON only`,
    );
  }
  return { ok: true, text, bodyStart };
}

/** Why `header` is not an X-Ray datagram header, or undefined when it is one. */
function headerProblem(header: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    return `the header line is not JSON: ${JSON.stringify(sanitizeForMessage(header, MAX_HEADER_CHARS_SHOWN))}, expected ${CANONICAL_HEADER}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `the header is ${describeValue(value)}, expected a JSON object like ${CANONICAL_HEADER}`;
  }
  const fields = value as Record<string, unknown>;
  if (fields.format !== "json") {
    return fields.format === undefined
      ? `the header has no "format", expected "json"`
      : `header "format" is ${describeValue(fields.format)}, expected "json"`;
  }
  if (fields.version !== 1) {
    return fields.version === undefined
      ? `the header has no "version", expected 1`
      : `header "version" is ${describeValue(fields.version)}, expected 1`;
  }
  return undefined;
}
