import { afterEach, describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/cli-options.ts";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, getJson, startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { segmentDatagram, traceId } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";

let daemon: Daemon | undefined;

afterEach(async () => {
  await daemon?.close();
  daemon = undefined;
});

function configFromFlags(flags: string[]) {
  const command = parseCommandLine(
    ["-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "-l", "silent", "--in-memory", ...flags],
    { version: "test", isTTY: false },
  );
  if (command.kind !== "run") throw new Error(command.stderr);
  return command.config;
}

describe("bounds", () => {
  it("--max-traces 5 keeps the 5 newest of 20 traces and reports 15 evicted", async () => {
    daemon = await startTestDaemon(configFromFlags(["--max-traces", "5"]));
    const payloads = Array.from({ length: 20 }, (_, i) => segmentDatagram(i + 1));
    await sendDatagrams(daemon.udpAddress, payloads);
    await waitForReceived(daemon, 20);

    const stats = await fetchStats(daemon);
    expect(stats).toMatchObject({
      datagrams: { received: 20, accepted: 20, rejected: 0 },
      traces: 5,
      evicted: 15,
      store: { maxTraces: 5, evictedTraces: 15 },
    });
    expect(daemon.store.traceIds().sort()).toEqual(
      [16, 17, 18, 19, 20].map((n) => traceId(n)).sort(),
    );
  });

  it("--max-rejected 3 keeps 3 samples but counts every rejection", async () => {
    daemon = await startTestDaemon(configFromFlags(["--max-rejected", "3"]));
    const junk = Array.from({ length: 10 }, (_, i) => new TextEncoder().encode(`junk ${i}`));
    await sendDatagrams(daemon.udpAddress, junk);
    await waitForReceived(daemon, 10);

    const body = await getJson<{ kept: number; max: number; byReason: Record<string, number> }>(
      daemon,
      "/api/rejected",
    );
    expect(body).toMatchObject({ kept: 3, max: 3, byReason: { "no-separator": 10 } });
  });
});
