import { describe, expect, it } from "vitest";
import { scanDocumentText } from "../scan-document.ts";
import { TraceStore } from "../trace-store.ts";
import { epochMillis, epochSeconds, type TraceId } from "../units.ts";
import { ServiceGraphBuilder } from "./service-graph.ts";
import type { ServiceGraphOptions } from "./service-graph-types.ts";
import { activeInWindow, storedTraceSpan } from "./trace-window.ts";

const TRACE = "1-6a000000-000000000000000000000001" as TraceId;
const T = 1_780_000_000;

let nextId = 1;
function id(): string {
  return (nextId++).toString(16).padStart(16, "0");
}

/** A segment (or, with `type`, an independent subsegment) of the one trace. */
function doc(fields: Record<string, unknown>): Record<string, unknown> {
  return { name: "svc", id: id(), trace_id: TRACE, ...fields };
}

/** The documents stored as the daemon stores them: scanned text, index fields beside it. */
function storeOf(documents: readonly Record<string, unknown>[]): TraceStore {
  const store = new TraceStore({ maxTraces: 10, maxBytes: 1_000_000 });
  documents.forEach((document, n) => {
    const raw = JSON.stringify(document);
    const scanned = scanDocumentText(raw);
    if (!scanned.ok) throw new Error(scanned.rejection.message);
    store.ingest(scanned.index, raw, raw.length, epochMillis(n));
  });
  return store;
}

/** Windows on, just inside and just outside every time the trace's documents carry. */
function windowsAround(documents: readonly Record<string, unknown>[]): ServiceGraphOptions[] {
  const times = new Set<number>();
  for (const document of documents) {
    for (const key of ["start_time", "end_time"]) {
      const value = document[key];
      if (typeof value === "number") for (const d of [-0.001, 0, 0.001]) times.add(value + d);
    }
  }
  const points = [...times].sort((a, b) => a - b).map(epochSeconds);
  const windows: ServiceGraphOptions[] = [{}];
  for (const point of points) {
    windows.push({ start: point }, { end: point }, { start: point, end: point });
    for (const other of points) if (other > point) windows.push({ start: point, end: other });
  }
  return windows;
}

/** For every window: [window, from the stored index, from the assembled trace]. */
function decisions(documents: readonly Record<string, unknown>[]) {
  const store = storeOf(documents);
  const stored = store.storedDocuments(TRACE) ?? [];
  const trace = store.getTrace(TRACE);
  if (trace === undefined) throw new Error("trace not stored");
  return windowsAround(documents).map((window) => ({
    window,
    fromIndex: activeInWindow(storedTraceSpan(stored), window),
    fromTrace: new ServiceGraphBuilder(window).add(trace),
  }));
}

function expectSameDecisions(documents: readonly Record<string, unknown>[]): number {
  const all = decisions(documents);
  for (const { window, fromIndex, fromTrace } of all) {
    expect({ window, active: fromIndex }).toEqual({ window, active: fromTrace });
  }
  return all.filter(({ fromTrace }) => fromTrace).length;
}

describe("a trace's activity in a window, from its stored index", () => {
  it("matches the graph's decision at the edges of one complete segment", () => {
    const documents = [doc({ start_time: T, end_time: T + 2 })];
    expect(expectSameDecisions(documents)).toBeGreaterThan(0);
    const span = storedTraceSpan(storeOf(documents).storedDocuments(TRACE) ?? []);
    expect(span).toEqual({ start: T, end: T + 2 });
    // Both ends count: a trace ending exactly at the window's start, or starting at its end.
    expect(activeInWindow(span, { start: epochSeconds(T + 2) })).toBe(true);
    expect(activeInWindow(span, { end: epochSeconds(T) })).toBe(true);
    expect(activeInWindow(span, { start: epochSeconds(T + 2.001) })).toBe(false);
    expect(activeInWindow(span, { end: epochSeconds(T - 0.001) })).toBe(false);
  });

  it("ends an in-progress segment at its start, even one starting after the others end", () => {
    const documents = [
      doc({ start_time: T, end_time: T + 1 }),
      doc({ start_time: T + 5, in_progress: true }),
    ];
    expectSameDecisions(documents);
    expect(storedTraceSpan(storeOf(documents).storedDocuments(TRACE) ?? [])).toEqual({
      start: T,
      end: T + 5,
    });
  });

  it("takes an end before the start as sent", () => {
    expectSameDecisions([
      doc({ start_time: T + 3, end_time: T + 1 }),
      doc({ start_time: T, end_time: T + 0.5 }),
    ]);
  });

  it("leaves out independent subsegments, even ones reaching past the segments", () => {
    const segment = doc({ start_time: T + 1, end_time: T + 2 });
    const documents = [
      segment,
      doc({
        type: "subsegment",
        parent_id: segment.id,
        start_time: T,
        end_time: T + 9,
      }),
    ];
    expectSameDecisions(documents);
    expect(storedTraceSpan(storeOf(documents).storedDocuments(TRACE) ?? [])).toEqual({
      start: T + 1,
      end: T + 2,
    });
  });

  it("never counts a trace of orphan subsegments alone", () => {
    const documents = [
      doc({ type: "subsegment", parent_id: "00000000000000ff", start_time: T, end_time: T + 1 }),
    ];
    expect(expectSameDecisions(documents)).toBe(0);
    expect(activeInWindow(storedTraceSpan([]), {})).toBe(false);
  });

  it("agrees over downstream segments, fractional times and replaced in-progress copies", () => {
    const root = doc({ start_time: T + 0.123456, end_time: T + 0.987654 });
    const downstream = doc({
      start_time: T + 0.2,
      end_time: T + 0.7,
      parent_id: "00000000000000aa",
    });
    const open = doc({ start_time: T + 1.5, in_progress: true });
    const closed = {
      name: "svc",
      id: open.id,
      trace_id: TRACE,
      start_time: T + 1.5,
      end_time: T + 1.75,
    };
    expectSameDecisions([root, downstream, open, closed]);
  });
});
