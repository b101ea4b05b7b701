import {
  assembleTrace,
  documentIndex,
  epochMillis,
  parseDatagram,
  type StoredDocument,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { buildTracePool, stampTrace, type TracePool } from "./segment-generator.ts";
import { DATAGRAM_HEADER } from "./trace-documents.ts";

const NOW = 1_795_686_982.154;

function pool(targetBytes: number, traceCount = 40): TracePool {
  return buildTracePool({ targetBytes, traceCount, seed: 7, nowSeconds: NOW });
}

function parse(datagram: Uint8Array): StoredDocument {
  const result = parseDatagram(datagram);
  if (!result.ok) throw new Error(`${result.rejection.reason}: ${result.rejection.message}`);
  // The two quirks of the Node SDK the fixtures show, reproduced on purpose; nothing else.
  for (const warning of result.warnings)
    expect(warning.path).toMatch(/user_agent$|stack\[\d+\]\.line$/);
  const bytes = datagram.length - DATAGRAM_HEADER.length;
  return {
    document: result.document,
    index: documentIndex(result.document),
    raw: result.raw,
    bytes,
    receivedAt: epochMillis(0),
    origin: undefined,
  };
}

describe("buildTracePool", () => {
  it.each([800, 4_000])("makes %i-byte datagrams the parser accepts", (size) => {
    const { traces, meanBytes, minBytes, maxBytes } = pool(size);
    for (const trace of traces) {
      for (const datagram of trace.datagrams) {
        expect(datagram.subarray(0, DATAGRAM_HEADER.length).toString()).toBe(DATAGRAM_HEADER);
        parse(datagram);
      }
    }
    expect(meanBytes).toBeGreaterThan(size * 0.9);
    expect(meanBytes).toBeLessThan(size * 1.15);
    expect(minBytes).toBeGreaterThanOrEqual(size * 0.9 - 1);
    expect(maxBytes).toBeLessThan(size * 2.5);
  });

  it("builds traces of 2 to 6 documents that assemble into one tree without orphans", () => {
    const counts = new Set<number>();
    for (const trace of pool(800).traces) {
      const documents = trace.datagrams.map(parse);
      counts.add(documents.length);
      const traceId = documents[0]?.document.trace_id;
      expect(documents.every((stored) => stored.document.trace_id === traceId)).toBe(true);
      if (traceId === undefined) continue;
      const assembled = assembleTrace(traceId, documents);
      expect(assembled.orphans).toEqual([]);
      const roots = assembled.segments.filter((node) => node.parentId === undefined);
      expect(roots.map((node) => node.document.name)).toEqual(["checkout-api"]);
      const downstream = assembled.segments.filter((node) => node.parentId !== undefined);
      expect(downstream.length).toBeGreaterThan(0);
    }
    expect([...counts].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it("sends streamed subsegments before their parent, the root segment last", () => {
    for (const trace of pool(800).traces) {
      const kinds = trace.datagrams.map((datagram) => {
        const { document } = parse(datagram);
        if (document.type === "subsegment") return "streamed";
        return document.parent_id === undefined ? "root" : "downstream";
      });
      expect(kinds.at(-1)).toBe("root");
      expect(kinds.indexOf("downstream")).toBeGreaterThan(kinds.lastIndexOf("streamed"));
    }
  });

  it("is reproducible from its seed", () => {
    const first = pool(800, 5).traces.flatMap((trace) => trace.datagrams.map(String));
    const second = pool(800, 5).traces.flatMap((trace) => trace.datagrams.map(String));
    expect(second).toEqual(first);
  });
});

describe("stampTrace", () => {
  it("gives every use of a template a trace id of its own, shared by its documents", () => {
    const { traces } = pool(800, 3);
    const seen = new Set<string>();
    for (let counter = 0; counter < 30; counter++) {
      const trace = traces[counter % traces.length];
      if (trace === undefined) throw new Error("empty pool");
      stampTrace(trace, counter);
      const ids = new Set(trace.datagrams.map((datagram) => parse(datagram).document.trace_id));
      expect(ids.size).toBe(1);
      const [id = ""] = ids;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    expect(seen.size).toBe(30);
  });

  it("writes the counter as the last 8 hex digits and leaves the rest of the datagram alone", () => {
    const [trace] = pool(800, 1).traces;
    if (trace === undefined) throw new Error("empty pool");
    const before = trace.datagrams.map((datagram) => Buffer.from(datagram));
    stampTrace(trace, 0xdeadbeef);
    for (const [index, datagram] of trace.datagrams.entries()) {
      expect(parse(datagram).document.trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{16}deadbeef$/);
      const changed = [...datagram].filter((byte, at) => byte !== before[index]?.[at]).length;
      expect(changed).toBeLessThanOrEqual(8);
      expect(datagram.length).toBe(before[index]?.length);
    }
  });
});
