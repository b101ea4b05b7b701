import { describe, expect, it } from "vitest";
import { assembleTrace } from "./assemble-trace.ts";
import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "./document.ts";
import { documentIndex } from "./document-index.ts";
import type { StoredDocument, TraceNode } from "./trace.ts";
import {
  type EpochSeconds,
  epochMillis,
  epochSeconds,
  type SegmentId,
  type TraceId,
} from "./units.ts";

const TRACE = "1-6b080246-96730d51abf3c08e1122f59e" as TraceId;
const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;
const at = (offset: number): EpochSeconds => epochSeconds(1795686982 + offset);

function segment(id: string, start: number, extra: Partial<SegmentDocument> = {}): SegmentDocument {
  return { trace_id: TRACE, id: sid(id), name: `svc-${id}`, start_time: at(start), ...extra };
}

function embedded(
  id: string,
  start: number,
  extra: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return {
    id: sid(id),
    name: `sub-${id}`,
    start_time: at(start),
    end_time: at(start + 1),
    ...extra,
  };
}

function streamed(
  id: string,
  parent: string,
  start: number,
  extra: Partial<SubsegmentDocument> = {},
): IndependentSubsegmentDocument {
  return {
    ...embedded(id, start, extra),
    type: "subsegment",
    trace_id: TRACE,
    parent_id: sid(parent),
  };
}

function stored(documents: readonly TopLevelDocument[]): StoredDocument[] {
  return documents.map((document, index) => ({
    document,
    index: documentIndex(document),
    raw: JSON.stringify(document),
    bytes: JSON.stringify(document).length,
    receivedAt: epochMillis(1_000 + index),
    origin: undefined,
  }));
}

/** The tree as `name(child child …)`, which reads well in a failing assertion. */
function shape(nodes: readonly TraceNode[]): string {
  return nodes
    .map((node) =>
      node.children.length === 0
        ? node.document.name
        : `${node.document.name}(${shape(node.children)})`,
    )
    .join(" ");
}

function countNodes(nodes: readonly TraceNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

function find(nodes: readonly TraceNode[], id: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.document.id === sid(id)) return node;
    const found = find(node.children, id);
    if (found) return found;
  }
  return undefined;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

describe("assembleTrace", () => {
  it("sorts segments by start time and keeps embedded subsegments in order", () => {
    const late = segment("b", 5);
    const early = segment("a", 1, {
      subsegments: [
        embedded("a1", 1.1, { subsegments: [embedded("a11", 1.2)] }),
        embedded("a2", 2),
      ],
    });
    const trace = assembleTrace(TRACE, stored([late, early]));

    expect(shape(trace.segments)).toBe("svc-a(sub-a1(sub-a11) sub-a2) svc-b");
    expect(trace.orphans).toEqual([]);
    const deep = find(trace.segments, "a11");
    expect(deep).toMatchObject({
      kind: "subsegment",
      segmentId: sid("a"),
      parentId: sid("a1"),
      independent: false,
    });
  });

  it("attaches streamed subsegments under a segment, an embedded subsegment, or each other, in any arrival order", () => {
    const documents = [
      segment("a", 0, { subsegments: [embedded("e1", 1, { subsegments: [embedded("e2", 2)] })] }),
      streamed("s1", "a", 3),
      streamed("s2", "e2", 4),
      streamed("s3", "s2", 5),
      streamed("s4", "s3", 6),
    ];
    const expected = "svc-a(sub-e1(sub-e2(sub-s2(sub-s3(sub-s4)))) sub-s1)";
    for (const order of permutations(documents)) {
      const trace = assembleTrace(TRACE, stored(order));
      expect(shape(trace.segments)).toBe(expected);
      expect(trace.orphans).toEqual([]);
    }
    const trace = assembleTrace(TRACE, stored(documents));
    expect(find(trace.segments, "s4")).toMatchObject({
      independent: true,
      parentId: sid("s3"),
      segmentId: sid("a"),
    });
  });

  it("keeps subsegments whose parent is absent as orphans, with their own streamed children", () => {
    const trace = assembleTrace(
      TRACE,
      stored([streamed("c", "b", 2), streamed("b", "f00d", 1), segment("a", 0)]),
    );

    expect(shape(trace.segments)).toBe("svc-a");
    expect(shape(trace.orphans)).toBe("sub-b(sub-c)");
    expect(trace.orphans[0]).toMatchObject({ parentId: sid("f00d"), segmentId: sid("f00d") });
  });

  it("keeps a downstream service's segment among the segments, linked to the calling subsegment", () => {
    const caller = segment("a", 0, {
      subsegments: [embedded("call", 1, { namespace: "remote" })],
    });
    const callee = segment("b", 1.5, { parent_id: sid("call") });
    const trace = assembleTrace(TRACE, stored([callee, caller]));

    expect(shape(trace.segments)).toBe("svc-a(sub-call) svc-b");
    expect(trace.segments[1]).toMatchObject({ kind: "segment", parentId: sid("call") });
    expect(trace.segments[1]?.segmentId).toBe(sid("b"));
  });

  it("treats subsegments embedded with parent_id, trace_id and type (Python SDK 0.95) as embedded", () => {
    const python = segment("a", 0, {
      subsegments: [{ ...streamed("p1", "a", 1), in_progress: false }],
    });
    const trace = assembleTrace(TRACE, stored([python]));

    expect(shape(trace.segments)).toBe("svc-a(sub-p1)");
    expect(find(trace.segments, "p1")?.independent).toBe(false);
  });

  describe("a streamed subsegment its parent also embeds", () => {
    it("gives one node, the complete copy over the in-progress one", () => {
      const running = streamed("s", "a", 1, { in_progress: true, end_time: undefined });
      const parent = segment("a", 0, { subsegments: [embedded("s", 1, { name: "final" })] });
      for (const order of permutations([running, parent])) {
        const trace = assembleTrace(TRACE, stored(order));
        expect(shape(trace.segments)).toBe("svc-a(final)");
        expect(find(trace.segments, "s")?.independent).toBe(false);
      }

      const done = streamed("s", "a", 1, { name: "streamed-final" });
      const snapshot = segment("a", 0, {
        subsegments: [
          embedded("s", 1, {
            in_progress: true,
            end_time: undefined,
            subsegments: [embedded("t", 1.5)],
          }),
        ],
      });
      const trace = assembleTrace(TRACE, stored([snapshot, done]));
      expect(shape(trace.segments)).toBe("svc-a(streamed-final(sub-t))");
      expect(find(trace.segments, "s")?.independent).toBe(true);
    });

    it("gives one node, the embedded copy, when both are complete", () => {
      const trace = assembleTrace(
        TRACE,
        stored([
          streamed("s", "a", 1, { name: "as-streamed" }),
          segment("a", 0, { subsegments: [embedded("s", 1, { name: "as-embedded" })] }),
        ]),
      );
      expect(shape(trace.segments)).toBe("svc-a(as-embedded)");
      expect(countNodes(trace.segments)).toBe(2);
    });
  });

  describe("hostile parent_id chains", () => {
    it("cuts a cycle of streamed subsegments into one orphan tree", () => {
      const cycle = [streamed("x", "y", 1), streamed("y", "z", 2), streamed("z", "x", 3)];
      for (const order of permutations(cycle)) {
        const trace = assembleTrace(TRACE, stored(order));
        expect(trace.orphans).toHaveLength(1);
        expect(countNodes(trace.orphans)).toBe(3);
      }
    });

    it("cuts a subsegment that names itself or its own embedded child as parent", () => {
      const trace = assembleTrace(
        TRACE,
        stored([
          streamed("self", "self", 1),
          streamed("loop", "inner", 2, { subsegments: [embedded("inner", 2.5)] }),
        ]),
      );
      expect(countNodes(trace.orphans)).toBe(3);
      expect(shape(trace.orphans)).toBe("sub-self sub-loop(sub-inner)");
    });
  });

  it("skips malformed embedded entries and walks deep nesting without recursion", () => {
    let nested: SubsegmentDocument = embedded("deep", 1);
    for (let level = 0; level < 5_000; level++) {
      nested = { ...embedded(`d${level.toString(16)}`, 1), subsegments: [nested] };
    }
    const odd = segment("a", 0, {
      subsegments: [nested, null, 7, "x"] as unknown as SubsegmentDocument[],
    });
    const trace = assembleTrace(TRACE, [
      {
        document: odd,
        index: documentIndex(odd),
        raw: "",
        bytes: 0,
        receivedAt: epochMillis(1_000),
        origin: undefined,
      },
    ]);

    let depth = 0;
    for (let node = trace.segments[0]; node; node = node.children[0]) depth++;
    expect(depth).toBe(5_002);
    expect(trace.segments[0]?.children).toHaveLength(1);
  });
});
