import { describe, expect, it } from "vitest";
import { compileFilter } from "./filter/compiled-filter.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { buildServiceGraph } from "./service-graph/service-graph.ts";
import { traceServiceMap } from "./service-graph/trace-service-map.ts";
import { TraceStore } from "./trace-store.ts";
import { epochMillis } from "./units.ts";

/**
 * A datagram under 64 KiB whose subsegments nest `depth` deep: legal to send, and hostile to
 * any recursive walk. Nested entries carry only an id and their children, which keeps them small.
 */
function deeplyNestedDatagram(depth: number): Uint8Array {
  let open = "";
  for (let level = 1; level <= depth; level++) {
    open += `{"id":"${level.toString(16).padStart(16, "0")}","subsegments":[`;
  }
  const nested = `${open}${"]}".repeat(depth)}`;
  const body = `{"id":"aaaaaaaaaaaaaaaa","trace_id":"1-65000000-000000000000000000000001","name":"deep","start_time":1700000000,"end_time":1700000001,"subsegments":[${nested}]}`;
  return new TextEncoder().encode(`{"format":"json","version":1}\n${body}`);
}

describe("a document nested 1 500 levels deep", () => {
  const bytes = deeplyNestedDatagram(1_500);

  it("fits in one datagram and is accepted", () => {
    expect(bytes.length).toBeLessThan(65_536);
    const parsed = parseDatagram(bytes);
    expect(parsed.ok).toBe(true);
  });

  it("is assembled, summarised, filtered and mapped without overflowing the stack", () => {
    const parsed = parseDatagram(bytes);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1 << 20 });
    const { traceId } = store.ingest(parsed.document, parsed.raw, bytes.length, epochMillis(0));
    const trace = store.getTrace(traceId);
    const summary = store.getSummary(traceId);
    expect(trace?.segments).toHaveLength(1);
    expect(summary?.root?.name).toBe("deep");
    if (!trace || !summary) return;
    let depth = 0;
    for (let node = trace.segments[0]; node; node = node.children[0]) depth++;
    expect(depth).toBe(1_501);
    for (const source of ['message CONTAINS "x"', "remote", 'service("deep") { fault }']) {
      const compiled = compileFilter(source);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expect(compiled.filter.matches({ trace, summary })).toBe(false);
    }
    expect(traceServiceMap(trace).nodes.map((node) => node.name)).toEqual(["deep"]);
    expect(buildServiceGraph([trace]).Services).toHaveLength(1);
  });
});
