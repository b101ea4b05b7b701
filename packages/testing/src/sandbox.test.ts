import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startDaemon } from "xray-sandbox";
import {
  datagram,
  errorRequest,
  newSegmentId,
  newTraceId,
  outgoingFailRequest,
  requestSegment,
  streamedSubsegment,
  userRequest,
} from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { assertSubsegment } from "./assert-node.ts";
import {
  InvalidFilterError,
  SandboxApiError,
  SandboxUnreachableError,
  WaitTimeoutError,
} from "./errors.ts";
import type { TraceRecord } from "./records.ts";
import { connectSandbox, type SandboxClient } from "./sandbox-client.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";
import { findSubsegment } from "./trace-tree.ts";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function send(...documents: Record<string, unknown>[]): Promise<void> {
  return sendDatagrams(sandbox.udpAddress, documents.map(datagram));
}

function names(trace: TraceRecord): unknown[] {
  const walk = (nodes: TraceRecord["segments"]): unknown[] =>
    nodes.map((node) =>
      node.children.length === 0
        ? node.document.name
        : { [node.document.name]: walk(node.children) },
    );
  return walk(trace.segments);
}

async function timeoutMessage(waiting: Promise<unknown>): Promise<string> {
  const error = await waiting.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WaitTimeoutError);
  return (error as WaitTimeoutError).message;
}

describe("startSandbox", () => {
  it("gives the environment that points an SDK at its UDP socket and HTTP server, on one port", async () => {
    const { port } = new URL(sandbox.url);
    // One host:port for both, as ADOT's Lambda mode needs: it sends its UDP spans there.
    expect(sandbox.udpAddress).toBe(`127.0.0.1:${port}`);
    expect(sandbox.env).toEqual({
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_TRACES_SAMPLER: "xray",
      OTEL_TRACES_SAMPLER_ARG: `endpoint=http://127.0.0.1:${port},polling_interval=10`,
    });
    const health = await fetch(`${sandbox.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  it("stops on close and on async dispose; calls then fail as unreachable", async () => {
    const own = await startSandbox();
    await own.close();
    await expect(own.traces()).rejects.toBeInstanceOf(SandboxUnreachableError);
    const other = await startSandbox();
    await other[Symbol.asyncDispose]();
    await expect(other.stats()).rejects.toThrow(
      /cannot reach the xray-sandbox at http:\/\/127\.0\.0\.1:\d+ \(GET \/api\/stats\)/,
    );
  });
});

describe("waitForTrace", () => {
  it("with a filter, resolves with the assembled trace once its datagram arrives over UDP", async () => {
    const traceId = newTraceId();
    const waiting = sandbox.waitForTrace('http.url ENDSWITH "/user" AND annotation.premium = true');
    await send(userRequest(traceId));
    const trace = await waiting;
    expect(trace.id).toBe(traceId);
    expect(names(trace)).toEqual([{ "sample-express": [{ UserData: ["format"] }] }]);
    expect(trace.summary).toMatchObject({ http: { status: 200 }, subsegmentCount: 2 });
    expect(JSON.parse(trace.documents[0]?.raw ?? "{}")).toMatchObject({ trace_id: traceId });
    expect(trace.documents.map((document) => document.origin)).toEqual([{ kind: "xray-udp" }]);
    expect(trace.summary.origins).toEqual(["xray-sdk"]);
    assertSubsegment(trace, "UserData", { annotations: { userId: "u-42" } });
  });

  it("with a predicate, resolves with the first trace it accepts", async () => {
    const waiting = sandbox.waitForTrace(
      (trace) => findSubsegment(trace, "127.0.0.1") !== undefined,
    );
    const traceId = newTraceId();
    await send(userRequest(), outgoingFailRequest(traceId), errorRequest());
    expect((await waiting).id).toBe(traceId);
  });

  it("resolves with the newest of several matching traces", async () => {
    const older = newTraceId();
    const newer = newTraceId();
    await send(errorRequest(older));
    await sandbox.waitForTrace((trace) => trace.id === older);
    await send(errorRequest(newer));
    await sandbox.waitForTrace((trace) => trace.id === newer);
    expect((await sandbox.waitForTrace("fault")).id).toBe(newer);
  });

  it("waits until a trace whose subsegments were streamed first has settled", async () => {
    const traceId = newTraceId();
    const parentId = newSegmentId();
    const isIt = (trace: TraceRecord) => trace.id === traceId;
    const complete = sandbox.waitForTrace(isIt);
    await send(streamedSubsegment(traceId, parentId, "sub-0"));
    const partial = await sandbox.waitForTrace(isIt, { settle: false });
    expect(partial.orphans.map((node) => node.document.name)).toEqual(["sub-0"]);
    await send(requestSegment({ traceId, id: parentId, path: "/stream", status: 200 }));
    const trace = await complete;
    expect(trace.orphans).toEqual([]);
    expect(names(trace)).toEqual([{ "sample-express": ["sub-0"] }]);
  });

  it("fails at once on an invalid filter, with where the parser stopped", async () => {
    const error = await sandbox
      .waitForTrace("http.status = ", { timeout: 60_000 })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect(error).toMatchObject({
      line: 1,
      column: 15,
      offset: 14,
      expected: expect.arrayContaining(["number"]),
    });
    expect((error as Error).message).toContain('invalid filter "http.status = ": ');
    expect((error as Error).message).toContain("\n  http.status = \n                ^");
  });

  it("on timeout, says what it awaited, for how long, what arrived, and the nearest match", async () => {
    const user = newTraceId();
    const failing = newTraceId();
    await send(userRequest(user), errorRequest(failing));
    await vi.waitFor(async () => expect(await sandbox.traces()).toHaveLength(2), { interval: 10 });
    const message = await timeoutMessage(
      sandbox.waitForTrace('http.method = "GET" AND http.url CONTAINS "/usr"', { timeout: 100 }),
    );
    expect(message).toBe(
      `waitForTrace('http.method = "GET" AND http.url CONTAINS "/usr"') timed out after 100 ms; 2 traces arrived:
  ${failing}: GET /error → 500 [fault] (segments: sample-express)
  ${user}: GET /user → 200 (segments: sample-express, UserData, format)
nearest match: ${user}: GET /user → 200 (segments: sample-express, UserData, format)
  satisfies 1 of 2 conditions; fails: http.url CONTAINS "/usr" (http.url is "http://127.0.0.1:3900/user")`,
    );
  });

  it("on timeout of a predicate, shows its source and the last error it threw", async () => {
    await send(userRequest());
    await vi.waitFor(async () => expect(await sandbox.traces()).toHaveLength(1), { interval: 10 });
    const message = await timeoutMessage(
      sandbox.waitForTrace(
        (trace) => {
          if (trace.summary.http?.status !== 404)
            throw new Error(`status ${trace.summary.http?.status}`);
          return true;
        },
        { timeout: 50 },
      ),
    );
    expect(message).toMatch(
      /^waitForTrace\(\(trace\) => \{ if \(trace\.summary\.http\?\.status !== 404\).*\) timed out after 50 ms; 1 trace arrived:\n/,
    );
    expect(message).toMatch(/\nthe predicate threw on some traces; the last error: status 200$/);
  });

  it("on timeout with nothing received, says which address the service must send to", async () => {
    const message = await timeoutMessage(sandbox.waitForTrace("fault", { timeout: 30 }));
    const [note, diagnosis] = message.split("\nSampling diagnosis");
    expect(diagnosis).toContain(
      `(GET ${sandbox.url}/api/sampling/diagnosis):\n  - No SDK has fetched sampling rules from this daemon yet`,
    );
    expect(note).toBe(
      `waitForTrace('fault') timed out after 30 ms; no traces arrived.\nThe service sent nothing: was the request sampled? The X-Ray SDK decides with its local rules (1 request a second, then 5 %) until it has fetched the sandbox's rules, and no SDK has fetched them yet; see "Every request traced from the first" in the @xray-sandbox/testing README. Is AWS_XRAY_DAEMON_ADDRESS="${sandbox.env.AWS_XRAY_DAEMON_ADDRESS}" in the service's environment before the SDK loads?`,
    );
  });

  it("on timeout with nothing received, says when an SDK last fetched the sandbox's rules", async () => {
    const own = await startSandbox();
    try {
      await fetch(`${own.url}/GetSamplingRules`, { method: "POST", body: "{}" });
      const message = await timeoutMessage(own.waitForTrace("fault", { timeout: 30 }));
      expect(message).toMatch(
        /\nThe service sent nothing: was the request sampled\? The X-Ray SDK decides with its local rules \(1 request a second, then 5 %\) until it has fetched the sandbox's rules \(an SDK last fetched them at \d{4}-\d\d-\d\dT[\d:.]+Z\); see /,
      );
    } finally {
      await own.close();
    }
  });

  it("on timeout, counts the datagrams the daemon refused and why", async () => {
    const before = (await sandbox.stats()).datagrams.rejected;
    await sendDatagrams(sandbox.udpAddress, [
      new TextEncoder().encode('{"format":"json","version":1}\n{"name":'),
    ]);
    await vi.waitFor(
      async () => expect((await sandbox.stats()).datagrams.rejected).toBe(before + 1),
      {
        interval: 10,
      },
    );
    const message = await timeoutMessage(sandbox.waitForTrace("fault", { timeout: 30 }));
    expect(message).toMatch(
      new RegExp(
        `\\n1 datagram refused by the daemon \\(not-json ×1\\); the newest, from 127\\.0\\.0\\.1:\\d+: .+\\. GET ${sandbox.url.replaceAll(".", "\\.")}/api/rejected lists them\\. Why \\(malformed-datagram\\): .+$`,
      ),
    );
  });

  it("on timeout, lists traces that match but have not settled", async () => {
    const traceId = newTraceId();
    await send(streamedSubsegment(traceId, newSegmentId(), "sub-0"));
    // Stored before the short wait starts: the message lists what the daemon holds by then.
    await vi.waitFor(
      async () => expect((await sandbox.traces()).map((trace) => trace.id)).toContain(traceId),
      { interval: 10 },
    );
    const message = await timeoutMessage(
      sandbox.waitForTrace((trace) => trace.id === traceId, { timeout: 100 }),
    );
    expect(message).toContain(
      `\n1 trace matched but not settled yet (pass { settle: false } to accept it):\n  ${traceId}: (root segment not received yet) [1 waiting for their parent] (segments: sub-0)`,
    );
  });
});

describe("segments and waitForSegments", () => {
  it("flattens every node with its trace id and path", async () => {
    const user = newTraceId();
    const failing = newTraceId();
    await send(userRequest(user), errorRequest(failing));
    const segments = await sandbox.waitForSegments(4);
    expect(segments.map((segment) => [segment.traceId, segment.path.join(" > ")])).toEqual([
      [failing, "sample-express"],
      [user, "sample-express"],
      [user, "sample-express > UserData"],
      [user, "sample-express > UserData > format"],
    ]);
    expect(segments[2]).toMatchObject({
      kind: "subsegment",
      orphan: false,
      document: { annotations: { userId: "u-42" } },
    });
    const faults = await sandbox.segments("fault");
    expect(faults.map((segment) => segment.traceId)).toEqual([failing]);
  });

  it("on timeout, lists the segments that did arrive", async () => {
    const user = newTraceId();
    await send(userRequest(user));
    await sandbox.waitForTrace((trace) => trace.id === user);
    const message = await timeoutMessage(
      sandbox.waitForSegments(5, { filter: 'http.url ENDSWITH "/user"', timeout: 100 }),
    );
    expect(message).toBe(
      `waitForSegments(5, { filter: 'http.url ENDSWITH "/user"' }) timed out after 100 ms; 3 of 5 segments arrived:
  ${user}: sample-express
  ${user}: sample-express > UserData
  ${user}: sample-express > UserData > format
all traces in the sandbox: 1 trace arrived:
  ${user}: GET /user → 200 (segments: sample-express, UserData, format)`,
    );
  });
});

describe("traces, trace, reset and stats", () => {
  it("lists traces newest first, finds one by id, and answers undefined for an unknown id", async () => {
    const first = newTraceId();
    const second = newTraceId();
    await send(userRequest(first));
    await sandbox.waitForTrace((trace) => trace.id === first);
    await send(errorRequest(second));
    await sandbox.waitForTrace((trace) => trace.id === second);
    expect((await sandbox.traces()).map((trace) => trace.id)).toEqual([second, first]);
    expect((await sandbox.traces("fault")).map((trace) => trace.id)).toEqual([second]);
    expect((await sandbox.trace(first))?.summary.http?.url).toBe("http://127.0.0.1:3900/user");
    expect(await sandbox.trace(newTraceId())).toBeUndefined();
    expect(await sandbox.trace("not-a-trace-id")).toBeUndefined();
  });

  it("reset removes every trace", async () => {
    await send(userRequest(), errorRequest());
    await sandbox.waitForSegments(4);
    await sandbox.reset();
    expect(await sandbox.traces()).toEqual([]);
    expect((await sandbox.stats()).traces).toBe(0);
  });

  it("stats counts the datagrams received", async () => {
    const before = (await sandbox.stats()).datagrams;
    await send(userRequest());
    await sandbox.waitForTrace("http.status = 200");
    const after = (await sandbox.stats()).datagrams;
    expect(after.received - before.received).toBe(1);
    expect(after.accepted - before.accepted).toBe(1);
  });
});

describe("connectSandbox", () => {
  it("against a daemon started on its own gives what startSandbox gives", async () => {
    await using daemon = await startDaemon({
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: 0 },
      logLevel: "silent",
    });
    const remote = await connectSandbox(daemon.url);
    const documents = [userRequest(), outgoingFailRequest(), errorRequest()];
    const payloads = documents.map(datagram);
    await sendDatagrams(`127.0.0.1:${daemon.udpAddress.port}`, payloads);
    await sendDatagrams(sandbox.udpAddress, payloads);
    const shape = async (client: SandboxClient) => {
      const traces = await client
        .waitForTrace((trace) => trace.id === documents[0]?.trace_id)
        .then(async () => {
          await client.waitForSegments(6);
          return client.traces();
        });
      return {
        traces: traces.map(({ id, segments, orphans, summary }) => ({
          id,
          segments,
          orphans,
          summary: { ...summary, firstReceivedAt: 0, lastReceivedAt: 0 },
        })),
        segments: await client.segments("fault"),
        nearest: await timeoutMessage(
          client.waitForTrace('http.url CONTAINS "/eror"', { timeout: 30 }),
        ),
      };
    };
    const [local, connected] = await Promise.all([shape(sandbox), shape(remote)]);
    expect(connected.traces).toHaveLength(3);
    expect(connected).toEqual(local);
  });

  it("gives the same environment for the service as startSandbox", async () => {
    const connected = await connectSandbox(sandbox.url);
    expect(connected.env).toEqual(sandbox.env);
    expect(connected.udpAddress).toBe(sandbox.udpAddress);
  });

  it("uses the fetch it is given", async () => {
    const requests: string[] = [];
    const client = await connectSandbox(sandbox.url, {
      fetch: (input, init) => {
        requests.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await client.traces("fault");
    expect(requests).toEqual([
      `GET ${sandbox.url}/api/health`,
      `GET ${sandbox.url}/api/stats`,
      `GET ${sandbox.url}/api/traces?filter=fault&expand=true&limit=1000`,
    ]);
  });

  it("refuses a URL where no sandbox answers", async () => {
    const closed = await startSandbox();
    await closed.close();
    await expect(connectSandbox(closed.url)).rejects.toBeInstanceOf(SandboxUnreachableError);
    const other = await startDaemon({
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: 0 },
      logLevel: "silent",
    });
    try {
      await expect(connectSandbox(`${other.url}/nothing-here`)).rejects.toBeInstanceOf(
        SandboxApiError,
      );
    } finally {
      await other.close();
    }
  });
});
