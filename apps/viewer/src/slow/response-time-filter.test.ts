import { parseFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import {
  filterSeconds,
  responseTimeBoundsOf,
  withoutResponseTimeBounds,
  withResponseTimeRange,
} from "./response-time-filter.ts";

describe("withResponseTimeRange", () => {
  it("writes both bounds into an empty filter", () => {
    expect(withResponseTimeRange("", 0.25, 1)).toBe("responsetime >= 0.25 AND responsetime <= 1");
  });

  it("joins them to the user's filter with AND", () => {
    expect(withResponseTimeRange('http.url CONTAINS "/orders"', 0.5, undefined)).toBe(
      'http.url CONTAINS "/orders" AND responsetime >= 0.5',
    );
  });

  it("replaces bounds it wrote before instead of stacking them", () => {
    const once = withResponseTimeRange("fault", 0.1, 0.2);
    const twice = withResponseTimeRange(once, 1.6, 2.5);
    expect(twice).toBe("fault AND responsetime >= 1.6 AND responsetime <= 2.5");
    expect(withResponseTimeRange(twice, undefined, undefined)).toBe("fault");
  });

  it("keeps a top-level OR together in parentheses", () => {
    expect(withResponseTimeRange("fault OR error", 1, undefined)).toBe(
      "(fault OR error) AND responsetime >= 1",
    );
  });

  it("leaves a bound inside parentheses alone", () => {
    expect(withoutResponseTimeBounds("(responsetime > 1 OR fault)")).toBe(
      "(responsetime > 1 OR fault)",
    );
  });

  it("writes expressions the filter parser accepts", () => {
    for (const filter of ["", "fault", "fault OR error", 'service("api") AND ok']) {
      const written = withResponseTimeRange(filter, 0.0016, 12.5);
      expect(parseFilter(written).ok, written).toBe(true);
    }
  });
});

describe("filterSeconds", () => {
  it("prints seconds short and without an exponent", () => {
    expect(filterSeconds(0.25)).toBe("0.25");
    expect(filterSeconds(1)).toBe("1");
    expect(filterSeconds(0.0016)).toBe("0.0016");
    expect(filterSeconds(0.123456)).toBe("0.1235");
    expect(filterSeconds(1234.5)).toBe("1235");
    expect(filterSeconds(0.000001)).toBe("0.000001");
  });
});

describe("responseTimeBoundsOf", () => {
  it("reads the bounds back", () => {
    expect(responseTimeBoundsOf("fault AND responsetime >= 0.5 AND responsetime <= 2")).toEqual({
      min: 0.5,
      max: 2,
    });
    expect(responseTimeBoundsOf("fault")).toEqual({});
  });
});
