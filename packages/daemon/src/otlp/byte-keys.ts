/**
 * A few attribute keys, told apart by their UTF-8 bytes where they are in a body, without
 * decoding or hashing the bytes of keys that are none of them. Filing a span reads 11 of the
 * attributes it is sent (`FILING_ATTRIBUTES`); the rest of its keys need no text at all.
 *
 * Bytes equal to a key's UTF-8 encoding are the only bytes that decode to that key (UTF-8
 * is one-to-one, and malformed bytes decode to U+FFFD, which no key holds), so finding the
 * key by its bytes gives what decoding the bytes and looking the text up would.
 */

interface Key {
  readonly bytes: Uint8Array;
  readonly text: string;
}

const encoder = new TextEncoder();

export class ByteKeys {
  /** The keys, by the length of their UTF-8 encoding. */
  readonly #byLength: (readonly Key[] | undefined)[] = [];

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      const bytes = encoder.encode(text);
      const same = this.#byLength[bytes.length];
      this.#byLength[bytes.length] = [...(same ?? []), { bytes, text }];
    }
  }

  /** The key whose UTF-8 encoding is `body[start, end)`, or `undefined` when none is. */
  find(body: Uint8Array, start: number, end: number): string | undefined {
    const keys = this.#byLength[end - start];
    if (keys === undefined) return undefined;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as Key;
      const bytes = key.bytes;
      let i = 0;
      while (i < bytes.length && bytes[i] === body[start + i]) i++;
      if (i === bytes.length) return key.text;
    }
    return undefined;
  }
}
