import { describe, expect, it } from "vitest";
import type { CallCounts } from "./health-ring.ts";
import { describeMix, formatRate, outcomeRates, strokeParts } from "./outcome-mix.ts";

function counts(partial: Partial<CallCounts>): CallCounts {
  return { ok: 0, error: 0, throttle: 0, fault: 0, ...partial };
}

describe("strokeParts", () => {
  it("draws 122 requests with 3 faults mostly ok, with a short fault stretch at the caller's end", () => {
    const parts = strokeParts(counts({ ok: 119, fault: 3 }));
    expect(parts.map((part) => part.status)).toEqual(["fault", "ok"]);
    const [fault, ok] = parts;
    expect(fault?.from).toBe(0);
    expect(ok?.to).toBe(1);
    expect((ok?.to ?? 0) - (ok?.from ?? 0)).toBeGreaterThan(0.9);
    expect((fault?.to ?? 0) - (fault?.from ?? 0)).toBeGreaterThan(0);
    expect((fault?.to ?? 0) - (fault?.from ?? 0)).toBeLessThan(0.1);
  });

  it("splits in proportion when every share is large enough to see", () => {
    expect(strokeParts(counts({ ok: 2, error: 1, fault: 1 }))).toEqual([
      { status: "fault", from: 0, to: 0.25 },
      { status: "error", from: 0.25, to: 0.5 },
      { status: "ok", from: 0.5, to: 1 },
    ]);
  });

  it("widens a tiny share to the visible minimum", () => {
    const parts = strokeParts(counts({ ok: 9999, throttle: 1 }), 0.05);
    const throttle = parts.find((part) => part.status === "throttle");
    expect((throttle?.to ?? 0) - (throttle?.from ?? 0)).toBeCloseTo(0.05 / 1.05, 3);
  });

  it("is one solid colour for one outcome and empty without completed requests", () => {
    expect(strokeParts(counts({ fault: 4 }))).toEqual([{ status: "fault", from: 0, to: 1 }]);
    expect(strokeParts(counts({}))).toEqual([]);
  });
});

describe("formatRate", () => {
  it.each([
    [0, 10, "0 %"],
    [10, 10, "100 %"],
    [3, 122, "2.5 %"],
    [1, 10000, "<0.1 %"],
    [119, 122, "98 %"],
    [999, 1000, "99 %"],
  ])("%s of %s is %s", (count, total, text) => {
    expect(formatRate(count, total)).toBe(text);
  });
});

describe("outcomeRates", () => {
  it("lists every outcome, zero ones too", () => {
    expect(outcomeRates(counts({ ok: 3, throttle: 1 }))).toEqual([
      { status: "ok", count: 3, rate: "75 %" },
      { status: "error", count: 0, rate: "0 %" },
      { status: "throttle", count: 1, rate: "25 %" },
      { status: "fault", count: 0, rate: "0 %" },
    ]);
  });
});

describe("describeMix", () => {
  it("says the mix in words", () => {
    expect(describeMix(counts({ ok: 119, fault: 3 }))).toBe(
      "122 requests: 119 ok, 3 faults (2.5 %)",
    );
    expect(describeMix(counts({ ok: 1, error: 1 }))).toBe("2 requests: 1 ok, 1 error (50 %)");
    expect(describeMix(counts({}))).toBe("no completed request");
  });
});
