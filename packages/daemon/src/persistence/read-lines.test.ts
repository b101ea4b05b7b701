import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.ts";
import { readLines } from "./read-lines.ts";

function linesOf(content: string | Buffer, chunkBytes: number) {
  const path = join(tempDir(), "lines");
  writeFileSync(path, content);
  const fd = openSync(path, "r");
  try {
    return [...readLines(fd, chunkBytes)];
  } finally {
    closeSync(fd);
  }
}

describe("readLines", () => {
  it("gives each line with its number and byte offset, across chunk boundaries", () => {
    const lines = linesOf("alpha\nbé\n\ngamma-long-line\n", 4);
    expect(lines).toEqual([
      { number: 1, start: 0, text: "alpha", terminated: true },
      { number: 2, start: 6, text: "bé", terminated: true },
      { number: 3, start: 10, text: "", terminated: true },
      { number: 4, start: 11, text: "gamma-long-line", terminated: true },
    ]);
  });

  it("marks a last line without a newline", () => {
    expect(linesOf("one\ntw", 1024).at(-1)).toEqual({
      number: 2,
      start: 4,
      text: "tw",
      terminated: false,
    });
  });

  it("reads an empty file as no lines", () => {
    expect(linesOf("", 16)).toEqual([]);
  });

  it("keeps multi-byte characters whole when a chunk ends inside one", () => {
    const text = `${"✓".repeat(50)}\n`;
    expect(linesOf(text, 7)).toEqual([
      { number: 1, start: 0, text: "✓".repeat(50), terminated: true },
    ]);
  });
});
