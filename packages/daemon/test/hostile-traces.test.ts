/**
 * The shared hostile traces through every way in (UDP, PutTraceSegments, import) and every
 * reader the daemon has: the HTTP API, the X-Ray API through the real client, export and the
 * live stream. Whatever the daemon accepts, each of them must answer.
 */

import { XRay } from "@aws-sdk/client-xray";
import {
  acceptedHostileTraces,
  type HostileTrace,
  hostileDatagram,
  hostileTraces,
} from "@xray-sandbox/fixtures";
import type {
  ExpandedTraceListBody,
  ImportResultBody,
  SegmentListBody,
  TraceDetailBody,
  TraceNode,
} from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, sendPaced, startTestDaemon } from "./support/daemon.ts";
import { openLive } from "./support/live.ts";
import { sendDatagrams } from "./support/udp.ts";

const accepted = acceptedHostileTraces();
const refused = hostileTraces().filter((hostile) => hostile.verdict !== "accepted");
/** Documents per PutTraceSegments call. */
const PUT_BATCH = 2_000;
const START = new Date(1_799_990_000_000);
const END = new Date(1_800_010_000_000);

let daemon: Daemon;
let xray: XRay;

function client(target: Daemon): XRay {
  return new XRay({
    endpoint: target.url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
}

/** Nodes and depth of trees read back from JSON, counted without recursion. */
function measure(roots: readonly TraceNode[]): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack = roots.map((node) => ({ node, level: 1 }));
  for (let item = stack.pop(); item; item = stack.pop()) {
    nodes++;
    depth = Math.max(depth, item.level);
    for (const child of item.node.children) stack.push({ node: child, level: item.level + 1 });
  }
  return { nodes, depth };
}

function expectWhole(detail: TraceDetailBody | undefined, hostile: HostileTrace): void {
  expect(detail?.id).toBe(hostile.traceId);
  expect(measure(detail?.segments ?? [])).toEqual({
    nodes: hostile.nodes,
    depth: hostile.treeDepth,
  });
  expect(detail?.documents).toHaveLength(hostile.documents.length);
}

async function putDocuments(target: XRay, documents: readonly string[]) {
  const unprocessed = [];
  for (let i = 0; i < documents.length; i += PUT_BATCH) {
    const answer = await target.putTraceSegments({
      TraceSegmentDocuments: documents.slice(i, i + PUT_BATCH),
    });
    unprocessed.push(...(answer.UnprocessedTraceSegments ?? []));
  }
  return unprocessed;
}

beforeAll(async () => {
  daemon = await startTestDaemon();
  xray = client(daemon);
  // One document traces over UDP, the long ones through PutTraceSegments.
  for (const hostile of accepted) {
    if (hostile.documents.length === 1) {
      await sendPaced(daemon, hostile.documents.map(hostileDatagram), (batch) =>
        sendDatagrams(daemon.udpAddress, batch),
      );
    } else {
      expect(await putDocuments(xray, hostile.documents)).toEqual([]);
    }
  }
}, 120_000);

afterAll(async () => {
  xray?.destroy();
  await daemon?.close();
});

describe("hostile documents the daemon refuses", () => {
  it.each(refused)("refuses $name over UDP, naming depth and limit", async (hostile) => {
    const before = daemon.stats().datagrams.rejectedByReason["too-deep"] ?? 0;
    await sendPaced(daemon, hostile.documents.map(hostileDatagram), (batch) =>
      sendDatagrams(daemon.udpAddress, batch),
    );
    expect(daemon.stats().datagrams.rejectedByReason["too-deep"]).toBe(
      before + hostile.documents.length,
    );
    expect(daemon.rejections.entries()[0]).toMatchObject({
      reason: "too-deep",
      message: expect.stringContaining(
        `nest ${hostile.documentDepth} levels deep in the document, over the limit of 100`,
      ),
    });
  });

  it.each(refused)("refuses $name through PutTraceSegments", async (hostile) => {
    expect(await putDocuments(xray, hostile.documents)).toEqual(
      hostile.documents.map(() => ({
        Id: expect.stringMatching(/^[0-9a-f]{16}$/),
        ErrorCode: "too-deep",
        Message: expect.stringContaining(`nest ${hostile.documentDepth} levels`),
      })),
    );
  });

  it.each(refused)("refuses $name in an import, naming the line", async (hostile) => {
    const response = await fetch(`${daemon.url}/api/import`, {
      method: "POST",
      body: hostile.documents.join("\n"),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ImportResultBody;
    expect(body.errors[0]).toMatchObject({
      where: "line 1",
      message: expect.stringContaining(`nest ${hostile.documentDepth} levels`),
    });
  });

  it("stores none of them", () => {
    for (const hostile of refused) expect(daemon.store.has(hostile.traceId as never)).toBe(false);
  });
});

describe.each(accepted)("$name, once stored,", (hostile) => {
  it("is read whole from GET /api/traces/:id", async () => {
    expectWhole(await getJson<TraceDetailBody>(daemon, `/api/traces/${hostile.traceId}`), hostile);
  });

  it("is read whole from BatchGetTraces, GetTraceSummaries and the graphs", async () => {
    const batch = await xray.batchGetTraces({ TraceIds: [hostile.traceId] });
    expect(batch.Traces?.[0]?.Segments).toHaveLength(hostile.documents.length);
    const summaries = await xray.getTraceSummaries({ StartTime: START, EndTime: END });
    expect(summaries.TraceSummaries?.map((summary) => summary.Id)).toContain(hostile.traceId);
    const graph = await xray.getTraceGraph({ TraceIds: [hostile.traceId] });
    expect(graph.Services?.map((service) => service.Name)).toEqual([
      JSON.parse(hostile.documents[0] ?? "{}").name,
    ]);
  });

  it("is exported line for line and imported again whole", async () => {
    const exported = await (await fetch(`${daemon.url}/api/export?id=${hostile.traceId}`)).text();
    const lines = exported.trimEnd().split("\n");
    expect(lines).toHaveLength(hostile.documents.length);
    const other = await startTestDaemon();
    try {
      const response = await fetch(`${other.url}/api/import`, { method: "POST", body: exported });
      expect(await response.json()).toMatchObject({ imported: lines.length, errorCount: 0 });
      expectWhole(await getJson<TraceDetailBody>(other, `/api/traces/${hostile.traceId}`), hostile);
    } finally {
      await other.close();
    }
  });
});

describe("every hostile trace at once", () => {
  it("is read whole from GET /api/traces?expand=true, the page the testing library reads", async () => {
    const body = await getJson<ExpandedTraceListBody>(daemon, "/api/traces?expand=true&limit=1000");
    for (const hostile of accepted) {
      expectWhole(
        body.traces.find((trace) => trace.id === hostile.traceId),
        hostile,
      );
    }
  });

  it("is listed node by node from GET /api/segments, page by page", async () => {
    const listed = new Map<string, number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = cursor === undefined ? "" : `&cursor=${cursor}`;
      const page = await getJson<SegmentListBody>(daemon, `/api/segments?limit=2000${query}`);
      for (const entry of page.segments) {
        listed.set(entry.traceId, (listed.get(entry.traceId) ?? 0) + 1);
        expect(entry.path.length).toBeLessThanOrEqual(32);
        expect(entry.path.at(-1)).toBe(entry.name);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 20);
    expect(Object.fromEntries(listed)).toEqual(
      Object.fromEntries(accepted.map((hostile) => [hostile.traceId, hostile.nodes])),
    );
  });

  it("reaches a live client's snapshot", async () => {
    const live = await openLive(daemon.url);
    try {
      await live.expectNext("hello");
      const snapshot = await live.expectNext("snapshot");
      const ids = snapshot.summaries.map((summary) => summary.id);
      for (const hostile of accepted) expect(ids).toContain(hostile.traceId);
    } finally {
      await live.close();
    }
  });

  it("is in the service graph", async () => {
    const graph = await xray.getServiceGraph({ StartTime: START, EndTime: END });
    expect(graph.Services?.length).toBe(accepted.length);
  });
});
