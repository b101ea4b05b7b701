import { compileFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { combineFilter, quoteFilterString } from "./combine-filter.ts";

describe("combineFilter", () => {
  it("is null when there is neither group nor filter", () => {
    expect(combineFilter(undefined, "  ")).toBeNull();
  });

  it("is the filter alone, or the group alone", () => {
    expect(combineFilter(undefined, " fault ")).toBe("fault");
    expect(combineFilter("checkout", "")).toBe('group.name = "checkout"');
  });

  it("narrows the group by the filter, keeping the filter's own OR inside", () => {
    const combined = combineFilter("checkout", "fault OR error");
    expect(combined).toBe('group.name = "checkout" AND (fault OR error)');
    expect(compileFilter(combined ?? "").ok).toBe(true);
  });

  it("quotes a group name that holds quotes or backslashes so that it still parses", () => {
    expect(quoteFilterString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(compileFilter(combineFilter('odd "name"\\', "ok") ?? "").ok).toBe(true);
  });
});
