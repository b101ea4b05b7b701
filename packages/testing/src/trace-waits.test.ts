import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Document,
  datagram,
  errorRequest,
  newSegmentId,
  newTraceId,
  requestSegment,
  userRequest,
} from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { TraceAssertionError, WaitTimeoutError } from "./errors.ts";
import type { TraceRecord } from "./records.ts";
import { connectSandbox } from "./sandbox-client.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function send(...documents: Document[]): Promise<void> {
  return sendDatagrams(sandbox.udpAddress, documents.map(datagram));
}

function segmentNames(trace: TraceRecord): string[] {
  return trace.segments.map((node) => node.document.name);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const reason = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(reason instanceof Error)) throw new Error("expected the promise to reject");
  return reason;
}

/** The notifications segment a downstream service sends: its parent is the caller's subsegment. */
function downstreamSegment(traceId: string, parentId: string): Document {
  return {
    ...requestSegment({ traceId, path: "/notifications/ada", status: 200 }),
    name: "notifications",
    parent_id: parentId,
  };
}

/** A request whose remote call (`callId`) went to a traced downstream service. */
function callingRequest(traceId: string, callId: string): Document {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    path: "/api/notifications/@ada",
    status: 200,
    subsegments: [
      {
        id: callId,
        name: "127.0.0.1",
        namespace: "remote",
        start_time: start,
        end_time: start + 0.004,
        traced: true,
      },
    ],
  });
}

describe("waits over the live stream", () => {
  it("resolve when the trace arrives, with no request between the first read and the trace", async () => {
    const requests: string[] = [];
    const client = await connectSandbox(sandbox.url, {
      fetch: (input, init) => {
        const url = new URL(String(input));
        requests.push(`${url.pathname} ${url.searchParams.get("filter") ?? ""}`);
        return fetch(input, init);
      },
    });
    requests.length = 0;
    const traceId = newTraceId();
    const waiting = client.waitForTrace('http.url ENDSWITH "/user"');
    // Traces that do not match come and settle meanwhile: the summary says so, nothing is read.
    for (let other = 0; other < 3; other += 1) {
      const id = newTraceId();
      await send(errorRequest(id));
      await sandbox.waitForTrace((trace) => trace.id === id);
    }
    await send(userRequest(traceId));
    expect((await waiting).id).toBe(traceId);
    expect(requests).toEqual([
      '/api/traces http.url ENDSWITH "/user"',
      `/api/traces ${traceId} AND (http.url ENDSWITH "/user")`,
    ]);
    await client.close();
  });

  it("by default resolve with the trace once its in-progress segment is replaced by the final one", async () => {
    const traceId = newTraceId();
    const id = newSegmentId();
    const isIt = (trace: TraceRecord) => trace.id === traceId;
    const settled = sandbox.waitForTrace(isIt);
    const final = requestSegment({ traceId, id, path: "/slow", status: 200 });
    await send({ ...final, end_time: undefined, in_progress: true });
    const early = await sandbox.waitForTrace(isIt, { settle: false });
    expect(early.summary.inProgress).toBe(true);
    await send(final);
    const trace = await settled;
    expect(trace.summary.inProgress).toBe(false);
    expect(trace.segments[0]?.document.end_time).toBe(final.end_time);
  });

  it("wait for a quiet period, so a downstream segment arriving after the caller's is in the trace", async () => {
    const traceId = newTraceId();
    const callId = newSegmentId();
    const isIt = (trace: TraceRecord) => trace.id === traceId;
    const settled = sandbox.waitForTrace(isIt, { quiet: 1500 });
    await send(callingRequest(traceId, callId));
    const first = await sandbox.waitForTrace(isIt, { settle: false });
    expect(segmentNames(first)).toEqual(["sample-express"]);
    await send(downstreamSegment(traceId, callId));
    const trace = await settled;
    expect(segmentNames(trace)).toEqual(["sample-express", "notifications"]);
    expect(trace.summary.documentCount).toBe(2);
  });

  it("take the quiet period a handle is given as the default", async () => {
    const patient = await connectSandbox(sandbox.url, { quiet: 1500 });
    const traceId = newTraceId();
    const callId = newSegmentId();
    const settled = patient.waitForTrace((trace) => trace.id === traceId);
    await send(callingRequest(traceId, callId));
    await sandbox.waitForTrace((trace) => trace.id === traceId, { settle: false });
    await send(downstreamSegment(traceId, callId));
    expect(segmentNames(await settled)).toEqual(["sample-express", "notifications"]);
    await patient.close();
  });

  it("refuse a quiet period or timeout that is not a number of milliseconds", async () => {
    await expect(sandbox.waitForTrace("fault", { quiet: -1 })).rejects.toThrow(
      "quiet must be a number of milliseconds ≥ 0, got -1",
    );
    await expect(sandbox.waitForTrace("fault", { timeout: Number.NaN })).rejects.toThrow(
      "timeout must be a number of milliseconds ≥ 0, got NaN",
    );
    await expect(connectSandbox(sandbox.url, { quiet: Number.POSITIVE_INFINITY })).rejects.toThrow(
      "quiet must be a number of milliseconds ≥ 0, got Infinity",
    );
  });
});

describe("waitForTraces", () => {
  it("resolves with as many matching traces as asked for, newest first", async () => {
    const ids = [newTraceId(), newTraceId(), newTraceId()];
    const waiting = sandbox.waitForTraces("fault", { count: 3 });
    for (const id of ids) {
      await send(userRequest(), errorRequest(id));
      await sandbox.waitForTrace((trace) => trace.id === id, { settle: false });
    }
    const traces = await waiting;
    expect(traces.map((trace) => trace.id)).toEqual([...ids].reverse());
  });

  it("on timeout, lists the traces that did match and all that arrived", async () => {
    const faults = [newTraceId(), newTraceId()];
    const user = newTraceId();
    for (const id of faults) {
      await send(errorRequest(id));
      await sandbox.waitForTrace((trace) => trace.id === id);
    }
    await send(userRequest(user));
    await sandbox.waitForTrace((trace) => trace.id === user);
    const error = await rejection(sandbox.waitForTraces("fault", { count: 3, timeout: 100 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(
      `waitForTraces('fault', { count: 3 }) timed out after 100 ms; 2 of 3 matching traces settled:
  ${faults[1]}: GET /error → 500 [fault] (segments: sample-express)
  ${faults[0]}: GET /error → 500 [fault] (segments: sample-express)
all traces in the sandbox: 3 traces arrived:
  ${user}: GET /user → 200 (segments: sample-express, UserData, format)
  ${faults[1]}: GET /error → 500 [fault] (segments: sample-express)
  ${faults[0]}: GET /error → 500 [fault] (segments: sample-express)`,
    );
  });

  it("refuses a count below 1", async () => {
    await expect(sandbox.waitForTraces("fault", { count: 0 })).rejects.toThrow(
      "count must be a whole number ≥ 1, got 0",
    );
  });
});

describe("expectNoTrace", () => {
  it("passes when no matching trace is there or arrives within the time given", async () => {
    await send(userRequest());
    await sandbox.waitForTrace('http.url ENDSWITH "/user"');
    await sandbox.expectNoTrace('http.url CONTAINS "/health"', { within: 200 });
  });

  it("fails at once naming a matching trace that is already there", async () => {
    const traceId = newTraceId();
    await send(errorRequest(traceId));
    await sandbox.waitForTrace("fault");
    const error = await rejection(sandbox.expectNoTrace("fault", { within: 60_000 }));
    expect(error).toBeInstanceOf(TraceAssertionError);
    expect(error.message).toBe(
      `expectNoTrace('fault', { within: 60000 }) failed: a matching trace was already in the sandbox:\n  ${traceId}: GET /error → 500 [fault] (segments: sample-express)`,
    );
  });

  it("fails as soon as a matching trace arrives, naming it", async () => {
    const traceId = newTraceId();
    const expectation = sandbox.expectNoTrace((trace) => trace.summary.hasFault, {
      within: 60_000,
    });
    await send(userRequest(), errorRequest(traceId));
    const error = await rejection(expectation);
    expect(error).toBeInstanceOf(TraceAssertionError);
    expect(error.message).toMatch(
      /^expectNoTrace\(\(trace\) => trace\.summary\.hasFault, \{ within: 60000 \}\) failed: a matching trace (arrived after \d+ ms|was already in the sandbox):\n/,
    );
    expect(error.message).toContain(
      `\n  ${traceId}: GET /error → 500 [fault] (segments: sample-express)`,
    );
  });
});
