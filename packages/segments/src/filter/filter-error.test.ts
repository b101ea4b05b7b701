import { describe, expect, it } from "vitest";
import { filterError, lineAndColumn } from "./filter-error.ts";

describe("lineAndColumn", () => {
  it.each<[string, number, number, number]>([
    ["ok", 0, 1, 1],
    ["ok", 2, 1, 3],
    ["ok\nerror", 3, 2, 1],
    ["ok\r\nerror", 4, 2, 1],
    ["ok\rerror", 3, 2, 1],
    ["a\n\nb", 3, 3, 1],
    ["ok AND\r\n  fault", 10, 2, 3],
  ])("%j at %i is line %i, column %i", (source, offset, line, column) => {
    expect(lineAndColumn(source, offset)).toEqual({ line, column });
  });
});

describe("filterError", () => {
  it("says where the problem is in its message", () => {
    expect(filterError("ok\n  AND =", 9, 1, "expected a keyword", ["keyword"])).toEqual({
      message: "expected a keyword at line 2, column 7",
      offset: 9,
      length: 1,
      line: 2,
      column: 7,
      expected: ["keyword"],
    });
  });
});
