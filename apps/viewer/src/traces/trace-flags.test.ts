import { describe, expect, it } from "vitest";
import { syntheticSummary } from "../live/synthetic-summaries.ts";
import { flagsOf, statusClassOf } from "./trace-flags.ts";

describe("flagsOf", () => {
  it("lists a trace's flags, most severe first", () => {
    const summary = syntheticSummary(1, {
      hasFault: true,
      hasError: true,
      hasThrottle: true,
      inProgress: true,
      partial: true,
    });
    expect(flagsOf(summary)).toEqual(["fault", "throttle", "error", "in-progress", "partial"]);
  });

  it("has none for a clean, complete trace", () => {
    const summary = syntheticSummary(1, {
      hasFault: false,
      hasError: false,
      hasThrottle: false,
      inProgress: false,
      partial: false,
    });
    expect(flagsOf(summary)).toEqual([]);
  });
});

describe("statusClassOf", () => {
  it.each([
    [200, "ok"],
    [304, "ok"],
    [404, "error"],
    [429, "throttle"],
    [500, "fault"],
    [503, "fault"],
    [101, "other"],
    [undefined, "other"],
  ] as const)("%s is %s", (status, expected) => {
    expect(statusClassOf(status)).toBe(expected);
  });
});
