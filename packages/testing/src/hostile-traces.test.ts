import { acceptedHostileTraces, type HostileTrace } from "@xray-sandbox/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertSegment, assertSubsegment } from "./assert-node.ts";
import { TraceAssertionError } from "./errors.ts";
import type { TraceRecord } from "./records.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";
import { allNodes, findSubsegment, formatTree } from "./trace-tree.ts";
import "./vitest.ts";

const hostile = acceptedHostileTraces();
let sandbox: Sandbox;
let traces: TraceRecord[];

beforeAll(async () => {
  sandbox = await startSandbox({ maxBytes: 64 * 1024 * 1024 });
  for (const trace of hostile) {
    const response = await fetch(`${sandbox.url}/api/import`, {
      method: "POST",
      body: trace.documents.join("\n"),
    });
    expect(response.status).toBe(200);
  }
  traces = await sandbox.traces();
}, 60_000);
afterAll(() => sandbox?.close());

/** The name of the deepest node: the last document's. */
function deepestName(trace: HostileTrace): string {
  return (JSON.parse(trace.documents.at(-1) ?? "{}") as { name: string }).name;
}

function deepestNested(trace: HostileTrace): string {
  const names = [...(trace.documents.at(-1) ?? "").matchAll(/"name":"([^"]+)"/g)];
  return names.at(-1)?.[1] ?? "";
}

describe.each(hostile)("the testing library on $name", (trace) => {
  const record = (): TraceRecord => {
    const found = traces.find((candidate) => candidate.id === trace.traceId);
    if (!found) throw new Error(`${trace.traceId} not among the sandbox's traces`);
    return found;
  };

  it("reads the trace whole, alone and in the list", async () => {
    expect(allNodes(record())).toHaveLength(trace.nodes);
    const alone = await sandbox.trace(trace.traceId);
    expect(alone && allNodes(alone)).toHaveLength(trace.nodes);
  });

  it("finds, asserts and matches its deepest node", () => {
    const name = trace.nodes === 1 ? deepestName(trace) : deepestNested(trace);
    const kind = trace.nodes === 1 ? "segment" : "subsegment";
    if (kind === "segment") {
      expect(assertSegment(record(), name).document.name).toBe(name);
      expect(record()).toHaveSegment(name);
    } else {
      expect(findSubsegment(record(), name)?.document.name).toBe(name);
      expect(assertSubsegment(record(), name).document.name).toBe(name);
      expect(record()).toHaveSubsegment(name);
    }
  });

  it("explains a miss in a bounded message", () => {
    let message = "";
    try {
      assertSubsegment(record(), "no-such-node", { fault: true });
    } catch (error) {
      if (!(error instanceof TraceAssertionError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(/no subsegment named "no-such-node"/);
    expect(message.length).toBeLessThan(10_000);
    expect(formatTree(record()).split("\n").length).toBeLessThanOrEqual(42);
  });

  it("lists its nodes from segments() with paths that stay short", async () => {
    const segments = (await sandbox.segments()).filter((entry) => entry.traceId === trace.traceId);
    expect(segments).toHaveLength(trace.nodes);
    for (const entry of segments) expect(entry.path.length).toBeLessThanOrEqual(32);
  });
});
