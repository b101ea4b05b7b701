import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIST_QUERY,
  isLiveOrder,
  nextSort,
  readListQuery,
  receivedBounds,
  selectionParams,
  writeListQuery,
} from "./list-query.ts";

describe("list query in the URL", () => {
  it("round-trips, leaving defaults out", () => {
    const query = { ...DEFAULT_LIST_QUERY, sort: "responsetime" as const, range: "15m" as const };
    const params = writeListQuery(new URLSearchParams("filter=fault"), query);
    expect(params.toString()).toBe("filter=fault&sort=responsetime&range=15m");
    expect(readListQuery(params)).toEqual(query);
    expect(writeListQuery(params, DEFAULT_LIST_QUERY).toString()).toBe("filter=fault");
  });

  it("falls back to the defaults for values it does not know", () => {
    expect(readListQuery(new URLSearchParams("sort=speed&order=up&range=2d"))).toEqual(
      DEFAULT_LIST_QUERY,
    );
  });

  it("keeps a custom range's ends only while the range is custom", () => {
    const custom = { ...DEFAULT_LIST_QUERY, range: "custom" as const, from: "2026-12-06T10:00" };
    expect(writeListQuery(new URLSearchParams(), custom).get("from")).toBe("2026-12-06T10:00");
    const relative = { ...custom, range: "1h" as const };
    expect(writeListQuery(new URLSearchParams(), relative).has("from")).toBe(false);
  });
});

describe("nextSort", () => {
  it("starts slowest first and flips on the second click", () => {
    const first = nextSort(DEFAULT_LIST_QUERY, "responsetime");
    expect(first).toMatchObject({ sort: "responsetime", order: "desc" });
    expect(nextSort(first, "responsetime").order).toBe("asc");
    expect(isLiveOrder(DEFAULT_LIST_QUERY)).toBe(true);
    expect(isLiveOrder(first)).toBe(false);
  });
});

describe("receivedBounds", () => {
  it("asks the daemon for a time before now, and everything kept has no bound", () => {
    expect(receivedBounds({ ...DEFAULT_LIST_QUERY, range: "5m" })).toEqual({ from: "-5m" });
    expect(receivedBounds({ ...DEFAULT_LIST_QUERY, range: "1h" })).toEqual({ from: "-1h" });
    expect(receivedBounds(DEFAULT_LIST_QUERY)).toEqual({});
  });

  it("reads a custom range, its last minute included, and says what is wrong with a bad one", () => {
    const custom = { ...DEFAULT_LIST_QUERY, range: "custom" as const };
    const good = receivedBounds({ ...custom, from: "2026-12-06T10:00", to: "2026-12-06T11:00" });
    expect(good).toEqual({
      from: String(new Date("2026-12-06T10:00").getTime()),
      to: String(new Date("2026-12-06T11:00").getTime() + 59_999),
    });
    expect(receivedBounds({ ...custom, from: "soon" })).toEqual({
      problem: '"soon" is not a date and time',
    });
    expect(receivedBounds({ ...custom, from: "2026-12-06T11:00", to: "2026-12-06T10:00" })).toEqual(
      { problem: "the range starts after it ends" },
    );
  });

  it("makes the daemon's query string", () => {
    expect(selectionParams("fault", { from: "-5m" }).toString()).toBe("filter=fault&from=-5m");
    expect(selectionParams(null, {}).toString()).toBe("");
  });
});
