import { describe, expect, it } from "vitest";
import { exceedsUtf8Bytes, utf8ByteLength } from "./utf8.ts";

const SAMPLES = [
  "",
  "plain ascii",
  "café",
  "日本語のテキスト",
  "emoji 🚀 and more 🎉",
  "lone high \ud800 surrogate",
  "lone low \udc00 surrogate",
  "ends with a high surrogate \ud83d",
  "mixed é 日 🚀 \ud800 x",
];

describe("UTF-8 sizes", () => {
  it.each(SAMPLES)("measures %j as Buffer.byteLength does", (text) => {
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, "utf8"));
  });

  it.each(SAMPLES)("tells whether %j passes each limit around its size", (text) => {
    const size = Buffer.byteLength(text, "utf8");
    for (let limit = Math.max(0, size - 3); limit <= size + 3; limit++) {
      expect(exceedsUtf8Bytes(text, limit)).toBe(size > limit);
    }
  });
});
