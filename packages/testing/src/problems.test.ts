import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { datagram, newSegmentId, newTraceId, requestSegment } from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { TraceAssertionError } from "./errors.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";
import "./vitest.ts";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** A request whose handler recorded a query with its values in it, and a bad annotation key. */
function sloppyRequest(traceId = newTraceId()) {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    path: "/search",
    status: 200,
    extra: { annotations: { "user.id": "u1" }, start_time: start },
    subsegments: [
      {
        id: newSegmentId(),
        name: "db",
        start_time: start + 0.001,
        end_time: start + 0.003,
        sql: { sanitized_query: "SELECT * FROM posts WHERE author = 'bob'" },
      },
    ],
  });
}

describe("sandbox.problems(traceId)", () => {
  it("lists what the trace doctor finds, with the fix for the SDK that sent it first", async () => {
    const traceId = newTraceId();
    await sendDatagrams(sandbox.udpAddress, [datagram(sloppyRequest(traceId))]);
    await sandbox.waitForTrace('http.url ENDSWITH "/search"');
    const body = await sandbox.problems(traceId);
    expect(body.problems.map((problem) => problem.code).sort()).toEqual([
      "annotation-dropped",
      "sql-unsanitised",
    ]);
    expect(Object.keys(body.problems[0]?.fix ?? {})[0]).toBe("node");
    expect(body.counts.warning).toBe(2);
  });

  it("throws for a trace the sandbox does not have", async () => {
    await expect(sandbox.problems(newTraceId())).rejects.toBeInstanceOf(TraceAssertionError);
  });
});

describe("expect(trace).toHaveNoProblems()", () => {
  it("passes for a clean trace", async () => {
    const clean = requestSegment({ path: "/clean", status: 200 });
    await sendDatagrams(sandbox.udpAddress, [datagram(clean)]);
    const trace = await sandbox.waitForTrace('http.url ENDSWITH "/clean"');
    expect(trace).toHaveNoProblems();
  });

  it("fails with each problem explained: what, where, the fix and why", async () => {
    await sendDatagrams(sandbox.udpAddress, [datagram(sloppyRequest())]);
    const trace = await sandbox.waitForTrace('http.url ENDSWITH "/search"');
    let message = "";
    try {
      expect(trace).toHaveNoProblems();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`trace ${trace.id} has 2 problems:`);
    expect(message).toContain("[warning] annotation-dropped");
    expect(message).toContain('"user.id"');
    expect(message).toContain("Fix (Node.js X-Ray SDK): ");
    expect(message).toContain("Why: ");
    expect(message).toContain("[warning] sql-unsanitised");
  });

  it("ignores codes it is told to, and info unless asked", async () => {
    await sendDatagrams(sandbox.udpAddress, [datagram(sloppyRequest())]);
    const trace = await sandbox.waitForTrace('http.url ENDSWITH "/search"');
    expect(trace).toHaveNoProblems({ ignore: ["annotation-dropped", "sql-unsanitised"] });
    expect(trace).not.toHaveNoProblems();
  });
});
