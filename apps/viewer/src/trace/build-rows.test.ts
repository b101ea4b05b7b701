import type { SubsegmentDocument, TraceNode } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import {
  buildFirstRows,
  buildRows,
  servicesInRowOrder,
  type TimelineRow,
  type TraceTree,
  traceNodes,
} from "./build-rows.ts";
import { chainOrFan, node, segment, sid, streamed, sub, T0, traceBody } from "./test-trace.ts";

const NONE: ReadonlySet<string> = new Set();
const names = (rows: readonly TimelineRow[]) =>
  rows.map((row) => `${"  ".repeat(row.depth)}${row.name}`);
const row = (rows: readonly TimelineRow[], name: string): TimelineRow => {
  const found = rows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

const basicDocuments = [
  segment("a", 0, 1, {
    name: "api",
    subsegments: [
      sub("b", 0.1, 0.5, {
        name: "UserData",
        subsegments: [sub("c", 0.2, 0.3, { name: "format" })],
      }),
      sub("d", 0.6, 0.9, { name: "db", namespace: "remote", sql: { sanitized_query: "select 1" } }),
      sub("e", 0.55, 0.7, {
        name: "DynamoDB",
        namespace: "aws",
        http: { response: { status: 400 } },
        error: true,
      }),
    ],
  }),
];
const basic = traceBody(basicDocuments);

/** Two segments whose `parent_id`s form a loop: "one" calls "two", whose parent is that call. */
const loopingSegments = () => [
  segment("a", 0, 1, {
    name: "one",
    parent_id: sid("b"),
    subsegments: [sub("c", 0.1, 0.2, { name: "call two" })],
  }),
  segment("b", 0.5, 1, { name: "two", parent_id: sid("c") }),
];

describe("buildRows", () => {
  it("lists nodes depth-first, children by start time, with their depth and service", () => {
    const model = buildRows(basic, NONE);
    expect(names(model.rows)).toEqual(["api", "  UserData", "    format", "  DynamoDB", "  db"]);
    expect(model.rows.map((r) => r.segmentName)).toEqual(["api", "api", "api", "api", "api"]);
    expect(row(model.rows, "format").parentRowId).toBe(sid("b"));
    expect(row(model.rows, "api").kind).toBe("segment");
    expect(row(model.rows, "api").sectionStart).toBe(true);
    expect(row(model.rows, "UserData").sectionStart).toBe(false);
    expect(model.nodeCount).toBe(5);
  });

  it("gives start and end as seconds from the trace start", () => {
    const model = buildRows(basic, NONE);
    expect(model.start).toBe(T0);
    expect(model.duration).toBeCloseTo(1);
    const userData = row(model.rows, "UserData");
    expect(userData.start).toBeCloseTo(0.1);
    expect(userData.end).toBeCloseTo(0.5);
    expect(userData.duration).toBeCloseTo(0.4);
  });

  it("marks status, namespace and HTTP status", () => {
    const model = buildRows(basic, NONE);
    expect(row(model.rows, "db").namespace).toBe("sql");
    expect(row(model.rows, "DynamoDB")).toMatchObject({
      namespace: "aws",
      status: "error",
      httpStatus: 400,
    });
    expect(row(model.rows, "api")).toMatchObject({ namespace: undefined, status: "ok" });
    const flagged = buildRows(
      traceBody([
        segment("a", 0, 1, { fault: true, error: true }),
        segment("b", 0, 1, { throttle: true, error: true }),
      ]),
      NONE,
    );
    expect(flagged.rows.map((r) => r.status)).toEqual(["fault", "throttle"]);
  });

  it("leaves out what is under a collapsed row and counts it", () => {
    const model = buildRows(basic, new Set([sid("a")]));
    expect(names(model.rows)).toEqual(["api"]);
    expect(model.rows[0]).toMatchObject({ collapsed: true, hasChildren: true, hidden: 4 });

    const inner = buildRows(basic, new Set([sid("b"), sid("c")]));
    expect(names(inner.rows)).toEqual(["api", "  UserData", "  DynamoDB", "  db"]);
    expect(row(inner.rows, "UserData").hidden).toBe(1);
    expect(model.parentIds).toEqual([sid("a"), sid("b")]);
  });

  it("draws in-progress nodes open-ended, to the trace end", () => {
    const model = buildRows(
      traceBody([
        segment("a", 0, undefined, {
          name: "api",
          subsegments: [sub("b", 0.2, 1.5, { name: "work" })],
        }),
        segment("c", 0.5, 2, { name: "other" }),
      ]),
      NONE,
    );
    const api = row(model.rows, "api");
    expect(api.inProgress).toBe(true);
    expect(api.duration).toBeUndefined();
    expect(api.end).toBeCloseTo(2);
    expect(row(model.rows, "work")).toMatchObject({ inProgress: false });
  });

  it("puts a downstream segment under the subsegment that called it, as a new service", () => {
    const model = buildRows(
      traceBody([
        segment("a", 0, 1, {
          name: "frontend",
          subsegments: [sub("b", 0.1, 0.8, { name: "GET backend", namespace: "remote" })],
        }),
        segment("c", 0.2, 0.7, {
          name: "backend",
          parent_id: sid("b"),
          subsegments: [sub("d", 0.3, 0.4, { name: "query" })],
        }),
      ]),
      NONE,
    );
    expect(names(model.rows)).toEqual(["frontend", "  GET backend", "    backend", "      query"]);
    expect(row(model.rows, "backend")).toMatchObject({
      sectionStart: true,
      segmentName: "backend",
    });
    expect(row(model.rows, "query").segmentName).toBe("backend");
    expect(names(buildRows(traceBody([]), NONE).rows)).toEqual([]);
  });

  it("keeps a segment whose parent is not in the trace at the top level", () => {
    const model = buildRows(
      traceBody([segment("a", 0, 1, { name: "called", parent_id: sid("f") })]),
      NONE,
    );
    expect(names(model.rows)).toEqual(["called"]);
  });

  it("lists orphans last, in their own section", () => {
    const model = buildRows(
      traceBody([
        segment("a", 0, 1, { name: "api" }),
        streamed("b", "ffff", 0.2, 0.4, {
          name: "lost",
          subsegments: [sub("c", 0.25, 0.3, { name: "lost child" })],
        }),
        streamed("d", "eeee", 0.1, 0.2, { name: "lost early" }),
      ]),
      NONE,
    );
    expect(names(model.rows)).toEqual(["api", "lost early", "lost", "  lost child"]);
    expect(model.rows.map((r) => r.section)).toEqual(["trace", "orphans", "orphans", "orphans"]);
    expect(model.rows.map((r) => r.sectionStart)).toEqual([true, true, false, false]);
    expect(row(model.rows, "lost").segmentName).toBeUndefined();
    expect(model.orphanCount).toBe(3);
  });

  it("survives segments whose parent_ids form a loop, showing each once", () => {
    const model = buildRows(traceBody(loopingSegments()), NONE);
    expect(names(model.rows)).toEqual(["one", "  call two", "    two"]);
  });

  it("reads malformed documents without failing", () => {
    const odd = { id: sid("b"), name: 42, start_time: "soon" } as unknown as SubsegmentDocument;
    const model = buildRows(traceBody([segment("a", 0, 1, { subsegments: [odd] })]), NONE);
    expect(model.rows[1]).toMatchObject({ name: "(unnamed)", start: 0, inProgress: true });
  });

  it("handles 10 000 nodes, wide or deep, with work that grows linearly", () => {
    const wide = (count: number) => ({
      segments: [node("root", 0, 1, chainOrFan(count, "fan"))],
      orphans: [],
    });
    const deep = (count: number) => ({
      segments: [node("root", 0, 1, chainOrFan(count, "chain"))],
      orphans: [],
    });

    const chain = buildRows(deep(10_000), NONE).rows;
    expect(chain).toHaveLength(10_001);
    expect(chain.at(-1)?.depth).toBe(10_000);
    const fan = buildRows(wide(10_000), NONE).rows;
    expect(fan).toHaveLength(10_001);
    expect(fan.at(-1)?.depth).toBe(1);

    // Linear work, counted rather than timed: every read of a node's fields, for ten times the
    // nodes, is about ten times as many reads; a quadratic walk would make it a hundred.
    const reads = (count: number): number => {
      let total = 0;
      const counted = (tree: TraceNode): TraceNode => {
        const children = tree.children.map(counted);
        return new Proxy(
          { ...tree, children },
          {
            get(target, key, receiver) {
              total++;
              return Reflect.get(target, key, receiver);
            },
          },
        );
      };
      const [root] = wide(count).segments;
      if (!root) throw new Error("no root");
      buildRows({ segments: [counted(root)], orphans: [] }, NONE);
      return total;
    };
    const small = reads(2_000);
    const large = reads(20_000);
    expect(large / small).toBeGreaterThan(9);
    expect(large / small).toBeLessThan(12);
  });
});

const wideRoot = node("root", 0, 1, chainOrFan(300, "fan"));
/** Each a new trace object on every call: the rows are kept per object once built. */
const shapes: Record<string, () => TraceTree> = {
  basic: () => traceBody(basicDocuments),
  downstream: () =>
    traceBody([
      segment("a", 0, 1, {
        name: "frontend",
        subsegments: [
          sub("b", 0.1, 0.8, { name: "GET backend", namespace: "remote" }),
          sub("e", 0.05, 0.9, { name: "GET other", namespace: "remote" }),
        ],
      }),
      segment("c", 0.2, 0.7, {
        name: "backend",
        parent_id: sid("b"),
        subsegments: [sub("d", 0.3, 0.4, { name: "query" })],
      }),
      segment("f", 0.1, 0.6, { name: "other", parent_id: sid("e") }),
      segment("9", 0.3, 0.5, { name: "backend", parent_id: sid("e") }),
    ]),
  orphans: () =>
    traceBody([
      segment("a", 0, 1, { name: "api", subsegments: [sub("e", 0.1, 0.2, { name: "db" })] }),
      streamed("b", "ffff", 0.2, 0.4, {
        name: "lost",
        subsegments: [sub("c", 0.25, 0.3, { name: "lost child" })],
      }),
      streamed("d", "eeee", 0.1, 0.2, { name: "lost early" }),
    ]),
  loop: () => traceBody([...loopingSegments(), segment("d", 0.2, 0.4, { name: "three" })]),
  repeatedIds: () =>
    traceBody([
      segment("a", 0, 1, {
        name: "api",
        subsegments: [
          sub("b", 0.1, 0.2, { name: "first b" }),
          sub("b", 0.3, 0.4, { name: "second b" }),
          { name: "no id", start_time: T0 + 0.5 } as unknown as SubsegmentDocument,
        ],
      }),
    ]),
  wide: () => ({ segments: [wideRoot], orphans: [] }),
};

describe("buildFirstRows", () => {
  it("builds the first rows of the whole list, with the whole trace's counts and times", () => {
    for (const [shape, trace] of Object.entries(shapes)) {
      const full = buildRows(trace(), NONE);
      for (const count of [1, 2, 3, full.rows.length - 1]) {
        if (count < 1) continue;
        const first = buildFirstRows(trace(), count);
        expect(first.rows, `${shape}, ${count}`).toEqual(full.rows.slice(0, count));
        expect(first, shape).toMatchObject({
          rowCount: full.rows.length,
          nodeCount: full.nodeCount,
          orphanCount: full.orphanCount,
          start: full.start,
          end: full.end,
          duration: full.duration,
        });
        expect(first.parentIds, shape).toEqual(full.parentIds);
        expect([...first.parentOf], shape).toEqual([...full.parentOf]);
        expect([...first.nodes.keys()], shape).toEqual([...full.nodes.keys()]);
      }
    }
  });

  it("builds every row when the trace has no more than asked for", () => {
    const trace = traceBody(basicDocuments);
    const all = buildFirstRows(trace, 5);
    expect(names(all.rows)).toEqual(["api", "  UserData", "    format", "  DynamoDB", "  db"]);
    expect(all.rowCount).toBe(5);
  });

  it("builds only the rows asked for of 10,000", () => {
    const trace = { segments: [node("root", 0, 1, chainOrFan(10_000, "fan"))], orphans: [] };
    const first = buildFirstRows(trace, 50);
    expect(first.rows).toHaveLength(50);
    expect(first.rowCount).toBe(10_001);
    expect(first.rows.at(-1)?.name).toBe("n48");
    expect(buildRows(trace, NONE).rows.slice(0, 50)).toEqual(first.rows);
  });
});

describe("servicesInRowOrder", () => {
  it("names the services in the order the rows first name them", () => {
    for (const [shape, trace] of Object.entries(shapes)) {
      const rows = buildRows(trace(), NONE).rows;
      const fromRows = [...new Set(rows.map((r) => r.segmentName))].filter((s) => s !== undefined);
      expect([...new Set(servicesInRowOrder(trace()))], shape).toEqual(fromRows);
    }
  });
});

describe("traceNodes", () => {
  it("lists every node once", () => {
    for (const [shape, trace] of Object.entries(shapes)) {
      const tree = trace();
      const rows = buildRows(tree, NONE).rows;
      expect(new Set(traceNodes(tree)), shape).toEqual(new Set(rows.map((r) => r.node)));
      expect(traceNodes(tree), shape).toHaveLength(rows.length);
    }
  });
});
