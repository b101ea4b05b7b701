import type { TraceId, TraceSummary } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { otherOfRoute, routeKey } from "./same-route.ts";

function summary(id: string, method: string, url: string): TraceSummary {
  return {
    id: id as TraceId,
    root: { name: "api" },
    http: { method, url },
  } as unknown as TraceSummary;
}

describe("same route", () => {
  it("is the method and path, whatever the query", () => {
    expect(routeKey(summary("1", "GET", "http://h/users?id=1"))).toBe("GET /users");
  });

  it("finds the newest other trace of the route", () => {
    const all = [
      summary("4", "POST", "http://h/users"),
      summary("3", "GET", "http://h/users?id=9"),
      summary("2", "GET", "http://h/users?id=2"),
      summary("1", "GET", "http://h/users?id=1"),
    ];
    const ids = all.map((entry) => entry.id);
    const summaries = new Map(all.map((entry) => [entry.id, entry]));
    const list = { length: ids.length, at: (index: number) => ids[index] };
    expect(otherOfRoute(list, summaries, all[3] as TraceSummary)).toBe("3");
    expect(otherOfRoute(list, summaries, all[1] as TraceSummary)).toBe("2");
    expect(otherOfRoute(list, summaries, all[0] as TraceSummary)).toBeUndefined();
  });
});
