import { parseFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { panelLinks } from "./panel-links.ts";

const none = { ok: 0, error: 0, throttle: 0, fault: 0 };

describe("panelLinks", () => {
  it("offers all traces, the failed ones and the slow ones, as valid filters", () => {
    const links = panelLinks(
      'service("orders-api")',
      { ...none, ok: 10, fault: 2, throttle: 1 },
      { P50: 0.05, P90: 0.1234, P99: 0.9 },
    );
    expect(links).toEqual([
      { label: "All its traces", filter: 'service("orders-api")' },
      { label: "With a fault", filter: 'service("orders-api") { fault }' },
      { label: "With an error", filter: 'service("orders-api") { error }' },
      { label: "p90 or slower", filter: 'service("orders-api") { responsetime >= 0.123 }' },
    ]);
    for (const { filter } of links) expect(parseFilter(filter).ok).toBe(true);
  });

  it("leaves out outcomes that did not happen and percentiles that are not known", () => {
    expect(panelLinks('edge("a", "b")', { ...none, ok: 3 }, undefined)).toEqual([
      { label: "All its traces", filter: 'edge("a", "b")' },
    ]);
  });

  it("writes edge filters the parser reads", () => {
    const links = panelLinks('edge("a", "b")', { ...none, error: 1 }, { P50: 2, P90: 2, P99: 2 });
    expect(links.map((link) => link.filter)).toEqual([
      'edge("a", "b")',
      'edge("a", "b") { error }',
      'edge("a", "b") { responsetime >= 2 }',
    ]);
    for (const { filter } of links) expect(parseFilter(filter).ok).toBe(true);
  });
});
