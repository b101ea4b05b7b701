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
  const now = 1_800_000_000_000;

  it("counts a relative range back from now, and everything kept has no bound", () => {
    expect(receivedBounds({ ...DEFAULT_LIST_QUERY, range: "5m" }, now)).toEqual({
      from: now - 300_000,
    });
    expect(receivedBounds(DEFAULT_LIST_QUERY, now)).toEqual({});
  });

  it("reads a custom range and says what is wrong with a bad one", () => {
    const custom = { ...DEFAULT_LIST_QUERY, range: "custom" as const };
    const good = receivedBounds(
      { ...custom, from: "2026-12-06T10:00", to: "2026-12-06T11:00" },
      now,
    );
    expect(good).toEqual({
      from: new Date("2026-12-06T10:00").getTime(),
      to: new Date("2026-12-06T11:00").getTime(),
    });
    expect(receivedBounds({ ...custom, from: "soon" }, now)).toEqual({
      problem: '"soon" is not a date and time',
    });
    expect(
      receivedBounds({ ...custom, from: "2026-12-06T11:00", to: "2026-12-06T10:00" }, now),
    ).toEqual({ problem: "the range starts after it ends" });
  });

  it("makes the daemon's query string", () => {
    expect(selectionParams("fault", { from: 10.5, to: 20.5 }).toString()).toBe(
      "filter=fault&from=10&to=21",
    );
    expect(selectionParams(null, {}).toString()).toBe("");
  });
});
