import type { SegmentDocument, TraceNode } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { segment, sid, sub, traceBody } from "../test-trace.ts";
import { causeOf, indexExceptions } from "./exceptions.ts";

const cause = {
  working_directory: "/srv/app",
  exceptions: [
    {
      id: sid("e1"),
      message: "boom",
      type: "Error",
      remote: false,
      cause: sid("e2"),
      stack: [
        { path: "/srv/app/app.js", line: 49, label: "handler" },
        { path: "node", line: null, label: "listOnTimeout" },
      ],
    },
  ],
};

describe("causeOf", () => {
  it("reads exceptions with their stack frames, a null line read as none", () => {
    const view = causeOf(segment("a", 0, 1, { cause }));
    expect(view.kind).toBe("exceptions");
    if (view.kind !== "exceptions") return;
    expect(view.workingDirectory).toBe("/srv/app");
    expect(view.exceptions[0]).toMatchObject({ id: sid("e1"), message: "boom", cause: sid("e2") });
    expect(view.exceptions[0]?.stack).toEqual([
      { path: "/srv/app/app.js", line: 49, label: "handler" },
      { path: "node", line: undefined, label: "listOnTimeout" },
    ]);
  });

  it("reads a cause given as an exception id as a reference", () => {
    expect(causeOf(segment("a", 0, 1, { cause: sid("e1") }))).toEqual({
      kind: "reference",
      id: sid("e1"),
    });
    expect(causeOf(segment("a", 0, 1))).toEqual({ kind: "none" });
  });

  it("skips malformed entries instead of failing", () => {
    const odd = {
      cause: { exceptions: [null, "x", { message: 3, stack: "no" }] },
    } as unknown as Partial<SegmentDocument>;
    const view = causeOf(segment("a", 0, 1, odd));
    expect(view.kind === "exceptions" && view.exceptions).toEqual([
      {
        id: undefined,
        message: undefined,
        type: undefined,
        remote: false,
        truncated: undefined,
        skipped: undefined,
        cause: undefined,
        stack: [],
      },
    ]);
  });
});

describe("indexExceptions", () => {
  it("finds an exception by id on whichever node recorded it", () => {
    const body = traceBody([
      segment("a", 0, 1, {
        cause: sid("e1"),
        subsegments: [sub("b", 0.1, 0.2, { name: "flaky", cause })],
      }),
    ]);
    const nodes = new Map<string, TraceNode>();
    const stack = [...body.segments];
    for (let node = stack.pop(); node; node = stack.pop()) {
      nodes.set(node.document.id, node);
      stack.push(...node.children);
    }
    const found = indexExceptions(nodes).get(sid("e1"));
    expect(found?.nodeId).toBe(sid("b"));
    expect(found?.node.document.name).toBe("flaky");
    expect(found?.exception.message).toBe("boom");
  });
});
