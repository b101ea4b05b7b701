import { describe, expect, it } from "vitest";
import { traceRecordOf } from "../test/support/records.ts";
import {
  outgoingFailRequest,
  requestSegment,
  streamedSubsegment,
  userRequest,
} from "../test/support/segments.ts";
import { allNodes, findSegment, findSubsegment, formatTree } from "./trace-tree.ts";

const TRACE = "1-6b080247-1603b830c789f5de07428c19";

describe("trace tree helpers", () => {
  const orphaned = traceRecordOf(
    userRequest(TRACE),
    streamedSubsegment(TRACE, "00000000000000ab", "late-parent"),
  );

  it("allNodes lists every node depth-first, orphans last", () => {
    expect(allNodes(orphaned).map((node) => node.document.name)).toEqual([
      "sample-express",
      "UserData",
      "format",
      "late-parent",
    ]);
  });

  it("findSegment and findSubsegment look only at their own kind", () => {
    expect(findSegment(orphaned, "sample-express")?.kind).toBe("segment");
    expect(findSegment(orphaned, "UserData")).toBeUndefined();
    expect(findSubsegment(orphaned, "format")?.document.metadata).toEqual({ default: { n: 1 } });
    expect(findSubsegment(orphaned, "late-parent")?.independent).toBe(true);
    expect(findSubsegment(orphaned, "sample-express")).toBeUndefined();
  });

  it("formatTree draws names with HTTP calls and flags, and the orphans apart", () => {
    const trace = traceRecordOf(
      outgoingFailRequest(TRACE),
      streamedSubsegment(TRACE, "00000000000000ab", "sub-0"),
    );
    expect(formatTree(trace)).toBe(`trace ${TRACE}:
  sample-express (segment) GET http://127.0.0.1:3900/outgoing-fail → 502 [fault]
    127.0.0.1 [remote] GET http://127.0.0.1/fail → 503 [fault]
  waiting for their parent:
    sub-0 (parent 00000000000000ab)`);
  });

  it("formatTree stops after 40 nodes and says how many it left out", () => {
    const subsegments = Array.from({ length: 60 }, (_, index) => ({
      id: index.toString(16).padStart(16, "0"),
      name: `query-${index}`,
      start_time: 1 + index,
      end_time: 2 + index,
    }));
    const lines = formatTree(
      traceRecordOf(requestSegment({ traceId: TRACE, path: "/many", status: 200, subsegments })),
    ).split("\n");
    expect(lines).toHaveLength(42);
    expect(lines.at(-2)).toBe("    query-38");
    expect(lines.at(-1)).toBe("  … and 21 more");
  });
});
