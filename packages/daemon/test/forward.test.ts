import { loadAllFixtures } from "@xray-sandbox/fixtures";
import { describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { InvalidConfigError } from "../src/errors.ts";
import { fetchStats, sendPaced, startTestDaemon } from "./support/daemon.ts";
import { daemonsClosedAfterEach } from "./support/daemons-closed-after-each.ts";
import { sendDatagrams } from "./support/udp.ts";

const fixtures = loadAllFixtures();
const { start } = daemonsClosedAfterEach();

describe("--forward", () => {
  it("tees every datagram, unchanged, to another daemon", async () => {
    const target = await start();
    const sandbox = await start({ forward: target.udpAddress });
    await sendPaced(
      sandbox,
      fixtures.map((fixture) => fixture.bytes),
      (batch) => sendDatagrams(sandbox.udpAddress, batch),
    );
    await vi.waitFor(() => expect(target.stats().datagrams.received).toBe(fixtures.length));

    expect(target.stats().datagrams).toEqual(sandbox.stats().datagrams);
    expect(target.store.traceIds()).toEqual(sandbox.store.traceIds());
    const raws = (daemon: Daemon) =>
      daemon.store
        .traceIds()
        .flatMap((id) => daemon.store.getTrace(id)?.documents.map((stored) => stored.raw) ?? [])
        .sort();
    expect(raws(target)).toEqual(raws(sandbox));
    expect((await fetchStats(sandbox)).forward).toEqual({
      target: `udp:127.0.0.1:${target.udpAddress.port}`,
      protocol: "udp",
      unit: "datagrams",
      sent: fixtures.length,
      failed: 0,
      retried: 0,
      dropped: 0,
      queued: 0,
      maxQueued: 1024,
      inFlight: 0,
      lastError: null,
    });
  });

  it("counts failures without slowing ingest when the target is gone", async () => {
    const target = await start();
    const sandbox = await start({ forward: target.udpAddress });
    await target.close();
    await sendPaced(
      sandbox,
      fixtures.slice(0, 20).map((fixture) => fixture.bytes),
      (batch) => sendDatagrams(sandbox.udpAddress, batch),
    );
    await vi.waitFor(() => expect(sandbox.stats().datagrams.accepted).toBe(20));
    // Each send is counted when the system reports on it; wait until none is in flight.
    await vi.waitFor(async () => expect((await fetchStats(sandbox)).forward?.inFlight).toBe(0));
    const forward = (await fetchStats(sandbox)).forward;
    expect((forward?.sent ?? 0) + (forward?.failed ?? 0)).toBe(20);
    expect(forward?.dropped).toBe(0);
  });

  it("refuses to forward to its own socket", async () => {
    await expect(
      startTestDaemon({
        udp: { host: "127.0.0.1", port: 2999 },
        forward: { host: "localhost", port: 2999 },
      }),
    ).rejects.toBeInstanceOf(InvalidConfigError);
  });
});
