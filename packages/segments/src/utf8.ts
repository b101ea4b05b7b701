/**
 * UTF-8 helpers for a package compiled against `lib: es2022`, which does not declare
 * `TextDecoder` although every runtime the sandbox targets (Node, browsers) has it. The
 * declaration is module-local so it cannot clash with `@types/node` or the DOM lib.
 */

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

declare const TextDecoder: new (
  label: "utf-8",
  options: { fatal: boolean; ignoreBOM?: boolean },
) => Utf8Decoder;

const lenient = new TextDecoder("utf-8", { fatal: false });
const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8. The common case
 * (valid input) takes the fast non-fatal decoder; a replacement character in its output
 * is either real or a decoding error, and only then the fatal decoder tells which.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  const text = lenient.decode(bytes);
  if (!text.includes("\uFFFD")) return text;
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when `text` encoded as UTF-8 takes more than `limit` bytes. */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return countUtf8Bytes(text, limit) > limit;
}

/** Any character outside ASCII (one byte each in UTF-8). */
const NOT_ASCII = /[\u0080-\uffff]/;

/** How many bytes `text` takes as UTF-8 (lone surrogates as U+FFFD, 3 bytes), as `Buffer.byteLength`. */
export function utf8ByteLength(text: string): number {
  if (!NOT_ASCII.test(text)) return text.length;
  return countUtf8Bytes(text, Number.POSITIVE_INFINITY);
}

/** `text`'s UTF-8 size, counting stopped as soon as it passes `stopAbove`. */
function countUtf8Bytes(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > stopAbove) return bytes;
  }
  return bytes;
}
