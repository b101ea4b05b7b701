import { describe, expect, it } from "vitest";
import { QUERY_BASE_MS, querySummary, queryTraceId } from "./test-support/query-summaries.ts";
import type { TraceSummary } from "./trace.ts";
import {
  decodeQueryCursor,
  encodeQueryCursor,
  inSelection,
  PageCollector,
  type QueryCursor,
} from "./trace-query.ts";
import type { SortOrder, TraceSortKey } from "./trace-query-contract.ts";
import { epochMillis, type Seconds } from "./units.ts";

function page(
  summaries: readonly TraceSummary[],
  sort: TraceSortKey,
  order: SortOrder,
  limit: number,
  after?: QueryCursor,
) {
  const collector = new PageCollector(sort, order, limit, after);
  for (const summary of summaries) collector.offer(summary);
  return { ...collector.page(), matched: collector.matched };
}

/** Every page, following the cursor, as ids. */
function allPages(
  summaries: () => readonly TraceSummary[],
  sort: TraceSortKey,
  order: SortOrder,
  limit: number,
): string[][] {
  const pages: string[][] = [];
  let after: QueryCursor | undefined;
  for (;;) {
    const next = page(summaries(), sort, order, limit, after);
    pages.push(next.traces.map((summary) => summary.id));
    if (!next.next) return pages;
    const decoded = decodeQueryCursor(encodeQueryCursor(next.next), sort, order);
    if (!decoded.ok) throw new Error(decoded.message);
    after = decoded.cursor;
  }
}

describe("PageCollector", () => {
  const times = [0.3, 0.05, 2.5, 0.05, 1.2, 0.7, 0.05, 0.9];
  const summaries = times.map((responseTime, n) => querySummary(n, { responseTime }));

  it("gives the slowest first, ties broken by trace id, and counts every match", () => {
    const { traces, next, matched } = page(summaries, "responsetime", "desc", 3);
    expect(traces.map((s) => s.responseTime)).toEqual([2.5, 1.2, 0.9]);
    expect(matched).toBe(8);
    expect(next).toMatchObject({ value: 0.9, id: queryTraceId(7) });
    const fastest = page(summaries, "responsetime", "asc", 3).traces;
    expect(fastest.map((s) => s.id)).toEqual([queryTraceId(1), queryTraceId(3), queryTraceId(6)]);
  });

  it("pages through every trace exactly once, in order, with ties across page ends", () => {
    const pages = allPages(() => summaries, "responsetime", "desc", 3);
    expect(pages.map((ids) => ids.length)).toEqual([3, 3, 2]);
    const flat = pages.flat();
    expect(new Set(flat).size).toBe(8);
    // The three 0.05 s traces straddle the page end: ids descending keep them in one order.
    expect(flat.slice(-3)).toEqual([queryTraceId(6), queryTraceId(3), queryTraceId(1)]);
  });

  it("neither repeats nor skips a trace when traces arrive between pages", () => {
    const growing = [...summaries];
    const seen: string[] = [];
    let after: QueryCursor | undefined;
    for (let round = 0; round < 10; round++) {
      const next = page(growing, "responsetime", "desc", 2, after);
      seen.push(...next.traces.map((s) => s.id));
      // New traces, both slower and faster than the page boundary, arrive meanwhile.
      growing.push(querySummary(100 + round, { responseTime: round % 2 === 0 ? 9 : 0.01 }));
      if (!next.next) break;
      after = next.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const summary of summaries) expect(seen).toContain(summary.id);
  });

  it("puts traces without a value last in both orders", () => {
    const mixed = [
      querySummary(1, { responseTime: null }),
      querySummary(2, { responseTime: 0.2 }),
      querySummary(3, { responseTime: 0.1 }),
    ];
    const desc = page(mixed, "responsetime", "desc", 10).traces.map((s) => s.id);
    const asc = page(mixed, "responsetime", "asc", 10).traces.map((s) => s.id);
    expect(desc).toEqual([queryTraceId(2), queryTraceId(3), queryTraceId(1)]);
    expect(asc).toEqual([queryTraceId(3), queryTraceId(2), queryTraceId(1)]);
    // And a cursor on an untimed row pages on among the untimed.
    const more = [...mixed, querySummary(4, { responseTime: null })];
    const pages = allPages(() => more, "responsetime", "desc", 3);
    expect(pages.flat()).toHaveLength(4);
  });

  it("sorts by status, services, size and received", () => {
    const rows = [
      querySummary(1, { status: 500, services: ["web", "orders"], bytes: 10, receivedOffset: 30 }),
      querySummary(2, { status: 200, services: ["api"], bytes: 30, receivedOffset: 10 }),
      querySummary(3, { status: 404, services: ["zeta"], bytes: 20, receivedOffset: 20 }),
    ];
    const ids = (sort: TraceSortKey) =>
      page(rows, sort, "desc", 10).traces.map((s) => Number(s.id.slice(-1)));
    expect(ids("status")).toEqual([1, 3, 2]);
    expect(ids("services")).toEqual([3, 1, 2]);
    expect(ids("size")).toEqual([2, 3, 1]);
    expect(ids("received")).toEqual([1, 3, 2]);
  });

  it("refuses a cursor made for another sort", () => {
    const cursor: QueryCursor = { sort: "size", order: "desc", value: 3, id: queryTraceId(1) };
    expect(() => new PageCollector("status", "desc", 10, cursor)).toThrow(/sort=size/);
  });
});

describe("query cursors", () => {
  it("round-trip, service names with any character included", () => {
    const cursor: QueryCursor = {
      sort: "services",
      order: "asc",
      value: "café, 東京",
      id: queryTraceId(5),
    };
    const text = encodeQueryCursor(cursor);
    expect(text).toMatch(/^[0-9a-f]+$/);
    expect(decodeQueryCursor(text, "services", "asc")).toEqual({ ok: true, cursor });
  });

  it("refuse text they did not make, with a message that says what to do", () => {
    for (const text of ["zz", "abc", "00", encodeHex('["q1","size","desc",1,"nope"]')]) {
      const decoded = decodeQueryCursor(text, "size", "desc");
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(/nextCursor of the previous page/);
    }
    // A value of the wrong type for the sort.
    const wrong = encodeHex(`["q1","size","desc","big","${queryTraceId(1)}"]`);
    expect(decodeQueryCursor(wrong, "size", "desc").ok).toBe(false);
  });

  it("name the sort they were made for when passed with another", () => {
    const text = encodeQueryCursor({ sort: "size", order: "desc", value: 1, id: queryTraceId(1) });
    const decoded = decodeQueryCursor(text, "size", "asc");
    expect(decoded).toEqual({ ok: false, message: expect.stringMatching(/sort=size&order=desc/) });
  });
});

describe("inSelection", () => {
  const at = (offset: number) => epochMillis(QUERY_BASE_MS + offset);
  const trace = querySummary(1, { receivedOffset: 5000, responseTime: 0.25 });

  it("includes both ends of the time range", () => {
    expect(inSelection(trace, { from: at(5000), to: at(5000) })).toBe(true);
    expect(inSelection(trace, { from: at(5001) })).toBe(false);
    expect(inSelection(trace, { to: at(4999) })).toBe(false);
    expect(inSelection(trace, {})).toBe(true);
  });

  it("includes both response-time bounds and leaves untimed traces out of a bounded one", () => {
    const seconds = (value: number) => value as Seconds;
    expect(inSelection(trace, { minResponseTime: seconds(0.25) })).toBe(true);
    expect(inSelection(trace, { maxResponseTime: seconds(0.25) })).toBe(true);
    expect(inSelection(trace, { minResponseTime: seconds(0.26) })).toBe(false);
    const running = querySummary(2, { responseTime: null });
    expect(inSelection(running, {})).toBe(true);
    expect(inSelection(running, { maxResponseTime: seconds(10) })).toBe(false);
  });
});

function encodeHex(text: string): string {
  return [...text].map((char) => char.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}
