import { parseFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { annotationFilter } from "./annotation-filter.ts";

describe("annotationFilter", () => {
  it("writes an expression the filter parser accepts, for every value type", () => {
    const cases: Array<[string, string | number | boolean, string]> = [
      ["userId", "u-42", 'annotation.userId = "u-42"'],
      ["score", 9.5, "annotation.score = 9.5"],
      ["premium", true, "annotation.premium = true"],
      ["quote", 'say "hi" \\ bye', 'annotation.quote = "say \\"hi\\" \\\\ bye"'],
    ];
    for (const [key, value, expected] of cases) {
      const expression = annotationFilter(key, value);
      expect(expression).toBe(expected);
      expect(parseFilter(expected).ok, expected).toBe(true);
    }
  });

  it("gives nothing for keys a filter cannot name", () => {
    expect(annotationFilter("has space", "x")).toBeUndefined();
    expect(annotationFilter("n", Number.NaN)).toBeUndefined();
  });
});
