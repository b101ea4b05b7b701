import { compileFilter, epochMillis, parseDocumentText, TraceStore } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { BatchWindows } from "./batch-windows.ts";
import { ChangeLog } from "./change-log.ts";

function traceIdOf(n: number): string {
  return `1-6a000000-${n.toString(16).padStart(24, "0")}`;
}

function setup(maxBatchUpserts: number, maxRoundUpserts: number) {
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 24 });
  const changes = new ChangeLog(100);
  store.subscribe((event) => {
    if (event.type !== "cleared") changes.append(event.traceId);
  });
  const ingest = (n: number, fields: Record<string, unknown> = {}) => {
    const text = JSON.stringify({
      name: `service-${n}`,
      id: n.toString(16).padStart(16, "1"),
      trace_id: traceIdOf(n),
      start_time: 1_780_000_000 + n,
      end_time: 1_780_000_000 + n + 0.5,
      ...fields,
    });
    const parsed = parseDocumentText(text);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    store.ingest(parsed.document, parsed.raw, text.length, epochMillis(1_000_000 + n));
  };
  const round = () =>
    new BatchWindows({ store, changes, groups: undefined, maxBatchUpserts, maxRoundUpserts });
  return { changes, ingest, round };
}

function fault() {
  const compiled = compileFilter("fault");
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.filter;
}

describe("BatchWindows", () => {
  it("reads a window once per cursor and subscription, and answers again with the same one", () => {
    const { changes, ingest, round } = setup(10, 100);
    const start = changes.end;
    for (const n of [1, 2, 3]) ingest(n, n === 2 ? { fault: true } : {});
    const windows = round();
    const all = windows.take(start, undefined);
    expect(all?.upserts.map((summary) => summary.id)).toEqual([3, 2, 1].map(traceIdOf));
    expect(all?.cursor).toBe(changes.end);
    expect(JSON.parse(`${all?.opening.toString()}}`)).toEqual({
      type: "batch",
      upserts: all?.upserts,
    });
    expect(windows.take(start, undefined)).toBe(all);
    const faults = windows.take(start, fault());
    expect(faults?.upserts.map((summary) => summary.id)).toEqual([traceIdOf(2)]);
    expect(faults?.unmatched).toEqual([1, 3].map(traceIdOf));
    expect(windows.take(start, fault())).toBe(faults);
    expect({ size: windows.size, read: windows.read }).toEqual({ size: 2, read: 6 });
  });

  it("stops reading new windows once maxRoundUpserts changes were read, but not at the end", () => {
    const { changes, ingest, round } = setup(2, 2);
    const start = changes.end;
    for (const n of [1, 2, 3]) ingest(n);
    const windows = round();
    const first = windows.take(start, undefined);
    expect(first?.upserts).toHaveLength(2);
    expect(windows.take(start, fault())).toBeUndefined();
    expect(windows.take(first?.cursor ?? 0, undefined)).toBeUndefined();
    expect(windows.take(start, undefined)).toBe(first);
    expect(windows.take(changes.end, undefined)?.upserts).toEqual([]);
    expect(round().take(first?.cursor ?? 0, undefined)?.upserts).toHaveLength(1);
  });
});
