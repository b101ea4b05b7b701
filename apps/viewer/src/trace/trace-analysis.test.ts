import { describe, expect, it } from "vitest";
import { buildRows } from "./build-rows.ts";
import { criticalPath } from "./critical-path.ts";
import { childrenByParent, selfTimes } from "./self-time.ts";
import { segment, streamed, sub, traceBody } from "./test-trace.ts";
import { traceResolution } from "./time-resolution.ts";
import { analyseTrace, FIRST_ROWS } from "./trace-analysis.ts";
import { NO_SERVICE, traceStats } from "./trace-stats.ts";

const NONE: ReadonlySet<string> = new Set();

/**
 * api 0–1 s: auth 0.0–0.2, then db 0.2–0.7 and cache 0.3–0.5 side by side, then render
 * 0.75–0.9; db calls the downstream service `store` (0.25–0.65), which runs `query` 0.3–0.6.
 */
function checkout() {
  const body = traceBody([
    segment("1", 0, 1, {
      name: "api",
      subsegments: [
        sub("2", 0, 0.2, { name: "auth" }),
        sub("3", 0.2, 0.7, { name: "db", namespace: "remote" }),
        sub("4", 0.3, 0.5, { name: "cache" }),
        sub("5", 0.75, 0.9, { name: "render" }),
      ],
    }),
    segment("6", 0.25, 0.65, {
      name: "store",
      parent_id: "0000000000000003" as never,
      subsegments: [sub("7", 0.3, 0.6, { name: "query" })],
    }),
  ]);
  const rows = buildRows(body, NONE).rows;
  const idOf = (name: string) => rows.find((row) => row.name === name)?.id ?? "";
  return { rows, idOf };
}

describe("selfTimes", () => {
  it("takes from each node the time its children ran, overlaps counted once", () => {
    const { rows, idOf } = checkout();
    const self = selfTimes(rows);
    // api: children cover 0–0.7 and 0.75–0.9
    expect(self.get(idOf("api"))).toBeCloseTo(0.15, 6);
    expect(self.get(idOf("db"))).toBeCloseTo(0.1, 6);
    expect(self.get(idOf("store"))).toBeCloseTo(0.1, 6);
    expect(self.get(idOf("query"))).toBeCloseTo(0.3, 6);
    expect(self.get(idOf("auth"))).toBeCloseTo(0.2, 6);
  });

  it("clips children that outlive their parent and skips nodes still in progress", () => {
    const body = traceBody([
      segment("1", 0, 0.5, { subsegments: [sub("2", 0.4, 0.9, { name: "late" })] }),
      segment("8", 0, undefined, { name: "open" }),
    ]);
    const rows = buildRows(body, NONE).rows;
    const self = selfTimes(rows);
    expect(self.get(rows.find((row) => row.name === "svc-1")?.id ?? "")).toBeCloseTo(0.4, 6);
    expect(self.has(rows.find((row) => row.name === "open")?.id ?? "")).toBe(false);
  });
});

describe("criticalPath", () => {
  it("follows the work the end of the trace waited on, through downstream services", () => {
    const { rows, idOf } = checkout();
    const path = criticalPath(rows);
    expect([...path].map((id) => rows.find((row) => row.id === id)?.name).sort()).toEqual(
      ["api", "auth", "db", "query", "render", "store"].sort(),
    );
    expect(path.has(idOf("cache"))).toBe(false);
  });

  it("leaves orphans out and is empty without a trace", () => {
    const body = traceBody([streamed("9", "77", 0, 0.1, { name: "lost" })]);
    expect(criticalPath(buildRows(body, NONE).rows).size).toBe(0);
  });

  it("walks a 10,000-deep chain without running out of stack", () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => ({
      id: `n${index}`,
      parentRowId: index === 0 ? undefined : `n${index - 1}`,
      start: index,
      end: 20_000 - index,
      duration: 20_000 - 2 * index,
      section: "trace" as const,
    }));
    // biome-ignore lint/suspicious/noExplicitAny: branded seconds are plain numbers here
    expect(criticalPath(rows as any).size).toBe(10_000);
  });
});

describe("traceStats", () => {
  it("groups by service and name with count, total, self and min/avg/max", () => {
    const body = traceBody([
      segment("1", 0, 1, {
        name: "api",
        subsegments: [
          sub("2", 0, 0.1, { name: "db" }),
          sub("3", 0.2, 0.5, { name: "db" }),
          sub("4", 0.6, undefined, { name: "db" }),
        ],
      }),
    ]);
    const rows = buildRows(body, NONE).rows;
    const stats = traceStats(rows, selfTimes(rows));
    const db = stats.find((row) => row.name === "db");
    expect(db).toMatchObject({ service: "api", count: 3, timed: 2 });
    expect(db?.total).toBeCloseTo(0.4, 6);
    expect(db?.self).toBeCloseTo(0.4, 6);
    expect(db?.min).toBeCloseTo(0.1, 6);
    expect(db?.avg).toBeCloseTo(0.2, 6);
    expect(db?.max).toBeCloseTo(0.3, 6);
    // api's own time: 1 s less the db calls, the open one running to the trace's end
    expect(stats.map((row) => row.name)).toEqual(["db", "api"]);
    expect(stats[1]?.self).toBeCloseTo(0.2, 6);
  });

  it("names the service of nodes above every segment", () => {
    const body = traceBody([streamed("9", "77", 0, 0.1, { name: "lost" })]);
    const rows = buildRows(body, NONE).rows;
    expect(traceStats(rows, selfTimes(rows))[0]?.service).toBe(NO_SERVICE);
  });
});

describe("analyseTrace", () => {
  it("works out the clock's step from every node, the one a downstream segment adds included", () => {
    const millis = traceBody([
      segment("1", 0, 1, { name: "api", subsegments: [sub("2", 0.25, 0.5, { name: "db" })] }),
    ]);
    const micros = traceBody([
      segment("1", 0, 1, { name: "api", subsegments: [sub("2", 0.25, 0.5, { name: "db" })] }),
      segment("3", 0.3, 0.4, {
        name: "store",
        parent_id: "0000000000000002" as never,
        end_time: 1_795_686_982.4005 as never,
      }),
    ]);
    expect(analyseTrace(millis).resolution).toBe(traceResolution(millis));
    expect(analyseTrace(micros).resolution).toBe(traceResolution(micros));
    expect(analyseTrace(micros).resolution).toBeLessThan(analyseTrace(millis).resolution);
  });

  it("gives self time and the critical path on first use, the same each time", () => {
    const body = traceBody([
      segment("1", 0, 1, {
        name: "api",
        subsegments: [sub("2", 0, 0.6, { name: "db" }), sub("3", 0.1, 0.3, { name: "cache" })],
      }),
    ]);
    const analysis = analyseTrace(body);
    const paths = analysis.paths();
    expect(analysis.paths()).toBe(paths);
    const rows = buildRows(body, NONE).rows;
    expect([...paths.critical]).toEqual([...criticalPath(rows, childrenByParent(rows))]);
    expect(paths.critical.size).toBeGreaterThan(0);
    expect(paths.self).toEqual(selfTimes(rows));
  });

  it("builds the first rows for the first paint, and every row on first use", () => {
    const services = 12;
    const body = traceBody(
      Array.from({ length: services }, (_, at) =>
        segment((at + 1).toString(16), at / services, (at + 1) / services, {
          name: `service-${at}`,
          subsegments: Array.from({ length: FIRST_ROWS / 4 }, (_, call) =>
            sub(`${at + 1}0${call.toString(16)}`, at / services, (at + 1) / services, {
              name: `call-${call}`,
            }),
          ),
        }),
      ),
    );
    const analysis = analyseTrace(body);
    const all = buildRows(body, NONE).rows;
    expect(analysis.first.rows).toEqual(all.slice(0, FIRST_ROWS));
    expect(analysis.first.rowCount).toBe(all.length);
    expect(analysis.full.rows).toEqual(all);
    // Every service's colour, the ones beyond the first rows included.
    expect([...analysis.services.keys()]).toEqual(
      Array.from({ length: services }, (_, at) => `service-${at}`),
    );
    expect(analysis.services.get("service-9")).toBe(1);
  });

  it("builds every row for the first paint of a small trace", () => {
    const body = traceBody([segment("1", 0, 1, { subsegments: [sub("2", 0.2, 0.4)] })]);
    const analysis = analyseTrace(body);
    expect(analysis.first.rows).toHaveLength(2);
    expect(analysis.first).toEqual(analysis.full);
  });
});
