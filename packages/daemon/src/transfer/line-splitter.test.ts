import { describe, expect, it } from "vitest";
import { LineSplitter, LineTooLongError } from "./line-splitter.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function split(chunks: readonly string[], max = 1024): [string, number][] {
  const lines: [string, number][] = [];
  const splitter = new LineSplitter(max);
  const onLine = (line: Buffer, number: number) => lines.push([line.toString(), number]);
  for (const chunk of chunks) splitter.push(bytes(chunk), onLine);
  splitter.end(onLine);
  return lines;
}

describe("LineSplitter", () => {
  it("gives whole lines with their numbers, however the chunks cut them", () => {
    const expected = [
      ["one", 1],
      ["two", 2],
      ["", 3],
      ["three", 4],
    ];
    expect(split(["one\ntwo\n\nthree"])).toEqual(expected);
    expect(split(["o", "ne\nt", "wo\n", "\nthr", "ee"])).toEqual(expected);
    expect(split(["one\r\ntwo\r\n\r\nthree\n"])).toEqual(expected);
  });

  it("refuses a line over the bound, naming it, even before its newline comes", () => {
    const splitter = new LineSplitter(8);
    const onLine = () => {};
    splitter.push(bytes("short\n"), onLine);
    splitter.push(bytes("12345"), onLine);
    expect(() => splitter.push(bytes("6789"), onLine)).toThrow(LineTooLongError);
    expect(() => new LineSplitter(8).push(bytes("ok\n123456789\n"), onLine)).toThrow(
      "line 2 is longer than 8 bytes",
    );
    // A line of exactly the bound is fine.
    expect(split(["12345678\n"], 8)).toEqual([["12345678", 1]]);
  });
});
