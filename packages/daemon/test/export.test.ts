import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { parseRecord, type SegmentRecord } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { segmentDatagram, traceId } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";

const runs = [...loadFixtureRun("run1-basic"), ...loadFixtureRun("run6-manual")];
const decoder = new TextDecoder();
let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon();
  await sendDatagrams(
    daemon.udpAddress,
    runs.map((fixture) => fixture.bytes),
  );
  await waitForReceived(daemon, runs.length);
});

afterAll(() => daemon.close());

async function exportRecords(
  query = "",
): Promise<{ response: Response; records: SegmentRecord[] }> {
  const response = await fetch(`${daemon.url}/api/export${query}`);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text.endsWith("\n")).toBe(true);
  const records = text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      expect(line.startsWith('{"v":2,')).toBe(true);
      const parsed = parseRecord(line);
      if (!parsed.ok) throw new Error(`${parsed.message}: ${line.slice(0, 200)}`);
      return parsed.record;
    });
  return { response, records };
}

/** The document text of a datagram: everything after the header line. */
function bodyOf(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return text.slice(text.indexOf("\n") + 1);
}

describe("GET /api/export", () => {
  it("downloads every stored document as NDJSON, its text unchanged, traces oldest first", async () => {
    const { response, records } = await exportRecords();
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="xray-sandbox-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.ndjson"$/,
    );
    expect(records).toHaveLength(daemon.store.stats().documents);

    const traceOrder = [...new Set(records.map((record) => record.traceId))];
    expect(traceOrder).toEqual(daemon.store.traceIds().reverse());

    const sent = new Set(runs.map((fixture) => bodyOf(fixture.bytes)));
    for (const record of records) expect(sent.has(record.raw)).toBe(true);
    for (const id of traceOrder) {
      const times = records.filter((r) => r.traceId === id).map((r) => r.receivedAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("exports one trace with ?id=", async () => {
    const id = daemon.store.traceIds()[0];
    if (id === undefined) throw new Error("the store is empty");
    const { records } = await exportRecords(`?id=${id}`);
    expect(records.map((record) => record.traceId)).toEqual(
      Array(daemon.store.getSummary(id)?.documentCount).fill(id),
    );
  });

  it("exports the traces a filter matches", async () => {
    const { records } = await exportRecords(`?filter=${encodeURIComponent("http.status = 404")}`);
    const ids = new Set(records.map((record) => record.traceId));
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) expect(daemon.store.getSummary(id)?.http?.status).toBe(404);
  });

  it.each([
    ["a bad filter", `?filter=${encodeURIComponent("http.status >")}`, 400, "INVALID_FILTER"],
    ["a malformed id", "?id=nope", 400, "INVALID_PARAMETER"],
    ["an unknown id", `?id=${traceId(424242)}`, 404, "TRACE_NOT_FOUND"],
    ["both filter and id", `?id=${traceId(1)}&filter=fault`, 400, "INVALID_PARAMETER"],
  ])("refuses %s", async (_, query, status, code) => {
    const response = await fetch(`${daemon.url}/api/export${query}`);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it("streams a big store in chunks instead of one body", async () => {
    const big = await startTestDaemon({ maxTraces: 5000 });
    try {
      for (let n = 0; n < 3000; n++) big.ingestDatagram(segmentDatagram(n));
      const response = await fetch(`${big.url}/api/export`);
      expect(response.headers.get("content-length")).toBeNull();
      const reader = response.body?.getReader();
      if (!reader) throw new Error("no body");
      let chunks = 0;
      let lines = 0;
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        chunks++;
        lines += decoder.decode(read.value).split("\n").length - 1;
      }
      expect(lines).toBe(3000);
      expect(chunks).toBeGreaterThan(1);
    } finally {
      await big.close();
    }
  });

  it("gives records a fresh sandbox can take back in, rebuilding the same traces", async () => {
    const { records } = await exportRecords();
    const copy = await startTestDaemon();
    try {
      for (const record of records) {
        copy.ingestDatagram(
          new TextEncoder().encode(`{"format":"json","version":1}\n${record.raw}`),
        );
      }
      expect(copy.store.traceIds()).toEqual(daemon.store.traceIds());
      for (const id of daemon.store.traceIds()) {
        const { firstReceivedAt, lastReceivedAt, origins, ...original } =
          daemon.store.getSummary(id) ?? {};
        expect(origins).toEqual(["xray-sdk"]);
        expect(copy.store.getSummary(id)).toMatchObject({ ...original, origins: ["in-process"] });
      }
    } finally {
      await copy.close();
    }
  });
});
