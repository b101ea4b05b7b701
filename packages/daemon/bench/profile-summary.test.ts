import { describe, expect, it } from "vitest";
import { areaOf, type CpuProfile, summarizeProfile } from "./profile-summary.ts";

const ROOT = "file:///work/main";
const frame = (functionName: string, url = "", lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

// (root) → handle → parseDatagram → parse (JSON, native)
//                 → ingest
//        → (garbage collector), (idle)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 5, 6] },
    {
      id: 2,
      callFrame: frame("handle", `${ROOT}/packages/daemon/src/datagram-handler.ts`, 54),
      children: [3, 4],
    },
    {
      id: 3,
      callFrame: frame("parseDatagram", `${ROOT}/packages/segments/src/parse-datagram.ts`, 15),
      children: [7],
    },
    { id: 4, callFrame: frame("ingest", `${ROOT}/packages/segments/src/trace-store.ts`, 80) },
    { id: 5, callFrame: frame("(garbage collector)") },
    { id: 6, callFrame: frame("(idle)") },
    { id: 7, callFrame: frame("parse") },
  ],
  samples: [7, 7, 3, 4, 2, 5, 6, 6],
  timeDeltas: [100, 100, 100, 200, 100, 400, 1000, 1000],
};

describe("summarizeProfile", () => {
  const summary = summarizeProfile(profile);

  it("splits busy from idle time", () => {
    expect(summary.busyMicros).toBe(1_000);
    expect(summary.idleMicros).toBe(2_000);
  });

  it("ranks functions by self time and by total time", () => {
    expect(summary.selfByFunction[0]).toEqual({ name: "(garbage collector)", micros: 400 });
    expect(summary.selfByFunction).toContainEqual({ name: "parse", micros: 200 });
    expect(summary.totalByFunction[0]).toEqual({
      name: "handle packages/daemon/src/datagram-handler.ts:55",
      micros: 600,
    });
    expect(summary.totalByFunction).toContainEqual({
      name: "parseDatagram packages/segments/src/parse-datagram.ts:16",
      micros: 300,
    });
  });

  it("groups self time by area of code", () => {
    expect(summary.selfByArea).toEqual([
      { name: "(garbage collector)", micros: 400 },
      { name: "packages/segments", micros: 300 },
      { name: "V8 builtins and native code", micros: 200 },
      { name: "packages/daemon", micros: 100 },
    ]);
  });
});

describe("areaOf", () => {
  it("names dependencies by package, scoped ones included", () => {
    const pnpm = `${ROOT}/node_modules/.pnpm/@hono+node-server@2.1.9/node_modules/@hono/node-server/dist/index.mjs`;
    expect(areaOf(frame("x", pnpm))).toBe("@hono/node-server");
    expect(areaOf(frame("x", `${ROOT}/node_modules/pino/lib/tools.js`))).toBe("pino");
    expect(areaOf(frame("emit", "node:events"))).toBe("node internals");
  });
});
