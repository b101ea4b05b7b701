/** The wire reader's remembered attribute keys: always the text of the bytes read. */

import { describe, expect, it } from "vitest";
import { WireReader } from "./protobuf-reader.ts";

/** Length-delimited fields, one for each text (lengths below 128: one-byte prefixes). */
function fields(texts: readonly string[]): Uint8Array {
  const parts = texts.map((text) => {
    const bytes = Buffer.from(text, "utf8");
    return Buffer.concat([Uint8Array.of(bytes.length), bytes]);
  });
  return Buffer.concat(parts);
}

function readKeys(body: Uint8Array, count: number): string[] {
  const reader = new WireReader(body);
  return Array.from({ length: count }, () => reader.key(body.length));
}

describe("WireReader.key", () => {
  it("gives each key's text, over more keys than it remembers and keys that share hash slots", () => {
    // 3,000 distinct keys for 1,024 slots, some multi-byte, one over the remembered length.
    const keys = Array.from({ length: 3_000 }, (_, i) => `attr.${i % 7 === 0 ? "ü" : ""}${i}`);
    keys.push("k".repeat(100), "", "http.method", "http.methoe", "http.metho");
    const body = fields([...keys, ...keys.slice().reverse(), ...keys]);
    expect(readKeys(body, keys.length * 3)).toEqual([...keys, ...keys.slice().reverse(), ...keys]);
  });

  it("does not give a remembered key for other bytes of the same length and hash slot", () => {
    const first = readKeys(fields(["service.name"]), 1);
    const body = fields(["service.namf", "service.name"]);
    const second = readKeys(body, 2);
    body.fill(0x61);
    expect([...first, ...second]).toEqual(["service.name", "service.namf", "service.name"]);
  });
});

describe("WireReader.hex", () => {
  it("gives ids of every length as Buffer's lowercase hex, every byte value included", () => {
    const ids = [
      ...Array.from({ length: 32 }, (_, i) =>
        Uint8Array.from({ length: 8 }, (_, j) => (i * 8 + j) & 255),
      ),
      Uint8Array.from({ length: 16 }, (_, j) => 255 - j * 9),
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0xab, 0xcd, 0xef),
      new Uint8Array(0),
    ];
    const body = Buffer.concat(ids.map((id) => Buffer.concat([Uint8Array.of(id.length), id])));
    const reader = new WireReader(body);
    const read = ids.map(() => reader.hex(body.length));
    expect(read).toEqual(ids.map((id) => Buffer.from(id).toString("hex")));
  });
});
