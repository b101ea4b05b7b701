import {
  acceptedHostileTraces,
  HOSTILE_DEPTH_LIMIT,
  type HostileTrace,
  hostileDatagram,
  hostileTraces,
} from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { compileFilter } from "./filter/compiled-filter.ts";
import { MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { parseDocumentText } from "./parse-document.ts";
import { scanDatagram, scanDocumentText } from "./scan-document.ts";
import { buildServiceGraph } from "./service-graph/service-graph.ts";
import { traceServiceMap } from "./service-graph/trace-service-map.ts";
import type { AssembledTrace, TraceNode } from "./trace.ts";
import { TraceStore } from "./trace-store.ts";
import { epochMillis, type TraceId } from "./units.ts";

const FILTERS = [
  'message CONTAINS "x"',
  "remote",
  "fault",
  'annotation.a = "b"',
  'service("chain") { fault }',
  'edge("a", "b") { error }',
  "duration > 0.5",
];

/** Every document of `hostile` in a fresh store, as the receive path stores them. */
function stored(hostile: HostileTrace): { store: TraceStore; trace: AssembledTrace } {
  const store = new TraceStore({ maxTraces: 10, maxBytes: 64 << 20 });
  hostile.documents.forEach((text, i) => {
    const scanned = scanDocumentText(text);
    if (!scanned.ok) throw new Error(`${hostile.name}: ${scanned.rejection.message}`);
    store.ingest(scanned.index, scanned.raw, text.length, epochMillis(i));
  });
  const trace = store.getTrace(hostile.traceId as TraceId);
  if (!trace) throw new Error(`${hostile.name}: not in the store`);
  return { store, trace };
}

/** Nodes and depth of the tree, counted without recursion. */
function measure(trace: AssembledTrace): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: Array<{ node: TraceNode; level: number }> = trace.segments.map((node) => ({
    node,
    level: 1,
  }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    nodes++;
    depth = Math.max(depth, item.level);
    for (const child of item.node.children) stack.push({ node: child, level: item.level + 1 });
  }
  return { nodes, depth };
}

describe("the hostile traces", () => {
  it("are checked against the sandbox's own depth limit", () => {
    expect(HOSTILE_DEPTH_LIMIT).toBe(MAX_DOCUMENT_DEPTH);
  });

  describe.each(hostileTraces())("$name", (hostile) => {
    it(`gets the same verdict from every reader of documents: ${hostile.verdict}`, () => {
      for (const text of hostile.documents.slice(-3)) {
        const bytes = hostileDatagram(text);
        const verdicts = [
          parseDatagram(bytes),
          scanDatagram(bytes),
          parseDocumentText(text),
          scanDocumentText(text),
        ].map((result) => (result.ok ? "accepted" : result.rejection));
        for (const verdict of verdicts) {
          if (hostile.verdict === "accepted") {
            expect(verdict).toBe("accepted");
            continue;
          }
          expect(verdict).toEqual({
            reason: "too-deep",
            message: `objects and arrays nest ${hostile.documentDepth} levels deep in the document, over the limit of ${MAX_DOCUMENT_DEPTH}: flatten the deepest metadata, or send deeply nested subsegments as their own documents`,
          });
        }
      }
    });
  });
});

describe.each(acceptedHostileTraces())("$name, once stored,", (hostile) => {
  const { store, trace } = stored(hostile);

  it("is assembled into the whole tree", () => {
    expect(measure(trace)).toEqual({ nodes: hostile.nodes, depth: hostile.treeDepth });
    expect(trace.orphans).toEqual([]);
  });

  it("is summarised", () => {
    const summary = store.getSummary(trace.id);
    expect(summary?.segmentCount).toBe(1);
    expect(summary?.subsegmentCount).toBe(hostile.nodes - 1);
    expect(summary?.documentCount).toBe(hostile.documents.length);
    expect(summary?.partial).toBe(false);
  });

  it("is matched by filter expressions", () => {
    const summary = store.getSummary(trace.id);
    if (!summary) throw new Error("no summary");
    for (const source of FILTERS) {
      const compiled = compileFilter(source);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expect(compiled.filter.matches({ trace, summary }), source).toBe(source === "duration > 0.5");
    }
  });

  it("is drawn on the service map", () => {
    expect(traceServiceMap(trace).nodes.map((node) => node.name)).toEqual([
      trace.segments[0]?.document.name,
    ]);
    expect(buildServiceGraph([trace]).Services).toHaveLength(1);
  });
});
