import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAllFixtures } from "@xray-sandbox/fixtures";
import type { ExpandedTraceListBody, TraceDetailBody } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { DataDirError } from "../src/errors.ts";
import { fetchStats, getJson, sendPaced, startTestDaemon } from "./support/daemon.ts";
import { daemonsClosedAfterEach } from "./support/daemons-closed-after-each.ts";
import { segmentDatagram } from "./support/segments.ts";
import { tempDir } from "./support/temp-dir.ts";
import { bindUdp, sendDatagrams } from "./support/udp.ts";

const fixtures = loadAllFixtures();
const unsampledDatagrams = fixtures.filter((fixture) =>
  new TextDecoder().decode(fixture.bytes).includes("\nT1U"),
).length;
const { start } = daemonsClosedAfterEach();

/** Every trace the API shows: summary, tree, orphans and documents, newest first. */
async function allTraces(daemon: Daemon): Promise<readonly TraceDetailBody[]> {
  const body = await getJson<ExpandedTraceListBody>(daemon, "/api/traces?expand=true&limit=1000");
  expect(body.nextCursor).toBeUndefined();
  return body.traces;
}

describe("a daemon with a data dir", () => {
  it("shows the same traces after a restart as before it", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await sendPaced(
      first,
      fixtures.map((fixture) => fixture.bytes),
      (batch) => sendDatagrams(first.udpAddress, batch),
    );
    const before = await allTraces(first);
    // ADOT's unsampled (T1U) datagrams are counted as accepted but not stored.
    const accepted = first.stats().datagrams.accepted - unsampledDatagrams;
    await first.close();
    expect(first.stats().persistence).toMatchObject({ persisted: accepted, pendingWrite: 0 });

    const second = await start({ dataDir });
    expect(await allTraces(second)).toEqual(before);
    expect((await fetchStats(second)).persistence).toMatchObject({
      dataDir,
      replayed: accepted,
      skippedLines: 0,
      persisted: 0,
    });
  });

  it("empties the log when the traces are deleted", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await sendPaced(first, [segmentDatagram(1), segmentDatagram(2)], (batch) =>
      sendDatagrams(first.udpAddress, batch),
    );
    expect((await fetch(`${first.url}/api/traces`, { method: "DELETE" })).status).toBe(200);
    await sendPaced(first, [segmentDatagram(3)], (batch) => sendDatagrams(first.udpAddress, batch));
    await first.close();

    const second = await start({ dataDir });
    expect(second.store.traceIds()).toEqual(first.store.traceIds());
    expect(second.store.traceIds()).toHaveLength(1);
  });

  it("refuses a data dir of a newer format without binding anything", async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, "format.json"), '{"format": 3}\n');
    const free = await bindUdp();
    await free.close();
    const udp = { host: "127.0.0.1", port: free.port };
    await expect(startTestDaemon({ dataDir, udp })).rejects.toBeInstanceOf(DataDirError);
    await expect(start({ udp })).resolves.toMatchObject({ udpAddress: udp });
    expect(existsSync(join(dataDir, "daemon.lock"))).toBe(false);
  });

  it("keeps nothing on disk without one", async () => {
    const daemon = await start({});
    expect((await fetchStats(daemon)).persistence).toBeNull();
  });

  it("says how much waits to be written and how old it is", async () => {
    const dataDir = tempDir();
    const daemon = await start({ dataDir });
    await sendPaced(daemon, [segmentDatagram(1)], (batch) =>
      sendDatagrams(daemon.udpAddress, batch),
    );
    const stats = (await fetchStats(daemon)).persistence;
    expect(stats).not.toBeNull();
    expect((stats?.persisted ?? 0) + (stats?.pendingWrite ?? 0)).toBe(1);
    expect(stats?.lagMs).toBeGreaterThanOrEqual(0);
    await daemon.close();
    expect(
      readFileSync(join(dataDir, "segments.ndjson"), "utf8").trimEnd().split("\n"),
    ).toHaveLength(1);
  });
});
