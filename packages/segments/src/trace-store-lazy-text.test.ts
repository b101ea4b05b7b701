import { describe, expect, it } from "vitest";
import type { SegmentDocument } from "./document.ts";
import { type TextWriter, TraceStore, type TraceStoreEvent } from "./trace-store.ts";
import { epochMillis, epochSeconds, type SegmentId, type TraceId } from "./units.ts";

const TRACE = "1-5f84c7a1-0123456789abcdef01234567" as TraceId;

function segment(id: string, name: string, end = 2): SegmentDocument {
  return {
    id: id as SegmentId,
    trace_id: TRACE,
    name,
    start_time: epochSeconds(1),
    end_time: epochSeconds(end),
  };
}

/** A writer of the text that counts how often it was called. */
function counted(document: SegmentDocument): { text: TextWriter; calls: () => number } {
  let calls = 0;
  return {
    text: {
      write: () => {
        calls++;
        return JSON.stringify(document);
      },
    },
    calls: () => calls,
  };
}

describe("a document stored with a writer of its text, called when the text is first read", () => {
  it("is filed without writing its text, and reads back the same text and document", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 10_000 });
    const document = segment("a000000000000001", "checkout");
    const lazy = counted(document);
    const outcome = store.ingest(document, lazy.text, 40, epochMillis(1));
    expect(outcome).toEqual({ traceId: TRACE, created: true, replaced: "none", evicted: [] });
    expect(lazy.calls()).toBe(0);
    expect(store.stats()).toMatchObject({ documents: 1, segments: 1, bytes: 40 });

    const [stored] = store.storedDocuments(TRACE) ?? [];
    expect(stored?.raw).toBe(JSON.stringify(document));
    expect(stored?.document).toEqual(document);
    expect(store.getSummary(TRACE)?.root?.name).toBe("checkout");
    expect(lazy.calls()).toBe(1);
  });

  it("counts the bytes it was given against the byte bound, not its text's", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 100 });
    const first = segment("a000000000000001", "first");
    store.ingest(first, counted(first).text, 60, epochMillis(1));
    const second = { ...segment("a000000000000002", "second"), trace_id: `${TRACE.slice(0, -1)}8` };
    const outcome = store.ingest(
      second as SegmentDocument,
      counted(second as SegmentDocument).text,
      60,
      epochMillis(2),
    );
    expect(outcome.evicted).toEqual([TRACE]);
    expect(store.stats()).toMatchObject({ documents: 1, bytes: 60, evictedBytes: 60 });
  });

  it("is compared by text with a document of the same id: identical ones are not stored twice", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 10_000 });
    const document = segment("a000000000000001", "checkout");
    store.ingest(document, counted(document).text, 40, epochMillis(1));
    const again = counted(document);
    expect(store.ingest(document, again.text, 40, epochMillis(2)).replaced).toBe("identical");
    const changed = segment("a000000000000001", "checkout", 3);
    expect(store.ingest(changed, counted(changed).text, 40, epochMillis(3)).replaced).toBe(
      "duplicate",
    );
    expect(store.storedDocuments(TRACE)?.[0]?.document).toEqual(changed);
  });

  it("gives listeners the stored document, whose text they may read at once", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 10_000 });
    const texts: string[] = [];
    store.subscribe((event: TraceStoreEvent) => {
      if (event.type === "stored") texts.push(event.document.raw);
    });
    const document = segment("a000000000000001", "checkout");
    const lazy = counted(document);
    store.ingest(document, lazy.text, 40, epochMillis(1));
    expect(texts).toEqual([JSON.stringify(document)]);
    void store.storedDocuments(TRACE)?.[0]?.raw;
    expect(lazy.calls()).toBe(1);
  });

  it("shows its text's UTF-8 size in the trace's summary once read, not the bytes it was counted at", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 10_000 });
    const document = segment("a000000000000001", "caf\u00e9 \u2713 \ud83d\ude00 \ud800");
    store.ingest(document, counted(document).text, 40, epochMillis(1));
    const text = JSON.stringify(document);
    expect(store.getSummary(TRACE)?.bytes).toBe(new TextEncoder().encode(text).byteLength);
    expect(store.stats().bytes).toBe(40);
    const [stored] = store.storedDocuments(TRACE) ?? [];
    expect(stored?.textBytes).toBe(new TextEncoder().encode(text).byteLength);
  });

  it("has no separate text size when it was stored with its text", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 10_000 });
    const document = segment("a000000000000001", "checkout");
    store.ingest(document, JSON.stringify(document), 40, epochMillis(1));
    expect(store.storedDocuments(TRACE)?.[0]?.textBytes).toBeUndefined();
    expect(store.getSummary(TRACE)?.bytes).toBe(40);
  });
});
