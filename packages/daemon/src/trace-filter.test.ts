import {
  type CompiledFilter,
  compileFilter,
  epochMillis,
  parseDocumentText,
  type TraceId,
  TraceStore,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { matchingSummary } from "./trace-filter.ts";

function traceIdOf(n: number): TraceId {
  return `1-6a000000-${n.toString(16).padStart(24, "0")}` as TraceId;
}

/** Trace n: a fault with no cause (a doctor warning) when `faulty`, else a clean segment. */
function storeWith(faulty: readonly boolean[]): TraceStore {
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 20 });
  faulty.forEach((fault, n) => {
    const text = JSON.stringify({
      name: `service-${n}`,
      id: `${n}`.padStart(16, "a"),
      trace_id: traceIdOf(n),
      start_time: 1_780_000_000 + n,
      end_time: 1_780_000_000 + n + 0.5,
      ...(fault ? { fault: true } : {}),
    });
    const parsed = parseDocumentText(text);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    store.ingest(parsed.document, parsed.raw, text.length, epochMillis(1_780_000_000_000));
  });
  return store;
}

function compiled(source: string): CompiledFilter {
  const result = compileFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

describe("matchingSummary and the trace doctor", () => {
  it("diagnoses only the traces a filter matches, and answers them with their counts", () => {
    const store = storeWith([true, false, true]);
    const fault = compiled("fault");
    const answers = [0, 1, 2].map((n) => matchingSummary(store, traceIdOf(n), fault, undefined));
    expect(answers.map((summary) => summary?.problems?.total)).toEqual([1, undefined, 1]);
    // The trace that did not match was never diagnosed.
    expect(store.peekSummary(traceIdOf(1))?.problems).toBeUndefined();
  });

  it("filters on problems with the store's diagnosis, which it keeps", () => {
    const store = storeWith([true, false]);
    const problems = compiled("problems > 0");
    expect(matchingSummary(store, traceIdOf(0), problems, undefined)?.id).toBe(traceIdOf(0));
    expect(matchingSummary(store, traceIdOf(1), problems, undefined)).toBeUndefined();
    expect(store.peekSummary(traceIdOf(1))?.problems?.total).toBe(0);
  });

  it("reads without diagnosing when peeking, as the live stream's batches do", () => {
    const store = storeWith([true]);
    expect(matchingSummary(store, traceIdOf(0), undefined, undefined, true)?.problems).toBe(
      undefined,
    );
    expect(matchingSummary(store, traceIdOf(0), undefined, undefined)?.problems?.total).toBe(1);
  });
});
