import { afterEach, describe, expect, it, vi } from "vitest";
import { segmentDatagram } from "../test/support/segments.ts";
import { bindUdp, sendDatagrams } from "../test/support/udp.ts";
import { type Daemon, startDaemon } from "./daemon.ts";
import { AddressInUseError, InvalidConfigError } from "./errors.ts";
import { silentLogger } from "./logger.ts";

const loopback = { udp: { host: "127.0.0.1", port: 0 }, tcp: { host: "127.0.0.1", port: 0 } };
const quiet = { logger: silentLogger() };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Parameters<typeof startDaemon>[0] = loopback): Promise<Daemon> {
  const daemon = await startDaemon(config, quiet);
  cleanups.push(() => daemon.close());
  return daemon;
}

describe("startDaemon", () => {
  it("binds free ports when asked for port 0 and reports them", async () => {
    const daemon = await start();
    expect(daemon.udpAddress.host).toBe("127.0.0.1");
    expect(daemon.udpAddress.port).toBeGreaterThan(0);
    expect(daemon.httpAddress.port).toBeGreaterThan(0);
    expect(daemon.url).toBe(`http://127.0.0.1:${daemon.httpAddress.port}`);
    expect(daemon.sdkAddress).toBe(
      `udp:127.0.0.1:${daemon.udpAddress.port} tcp:127.0.0.1:${daemon.httpAddress.port}`,
    );
    expect(daemon.receiveBufferBytes).toBeGreaterThan(0);
    const health = await fetch(`${daemon.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: "ok", version: daemon.version });
  });

  it("counts datagrams from the socket and from ingestDatagram alike", async () => {
    const daemon = await start();
    await sendDatagrams(daemon.udpAddress, [segmentDatagram(1)]);
    expect(daemon.ingestDatagram(segmentDatagram(2))).toMatchObject({ status: "stored" });
    expect(
      daemon.ingestDatagram(new TextEncoder().encode("junk"), {
        kind: "in-process",
        label: "fuzzer",
      }),
    ).toMatchObject({ status: "rejected", reason: "no-separator" });
    await vi.waitFor(() => expect(daemon.stats().datagrams.received).toBe(3));
    expect(daemon.stats()).toMatchObject({
      datagrams: { accepted: 2, rejected: 1, rejectedByReason: { "no-separator": 1 } },
      traces: 2,
      udp: { address: `127.0.0.1:${daemon.udpAddress.port}` },
    });
    expect(daemon.rejections.entries()[0]?.from).toBe("fuzzer");
  });

  it("refuses a UDP port in use with ADDRESS_IN_USE", async () => {
    const busy = await bindUdp();
    cleanups.push(busy.close);
    const failure = startDaemon(
      { ...loopback, udp: { host: "127.0.0.1", port: busy.port } },
      quiet,
    );
    await expect(failure).rejects.toBeInstanceOf(AddressInUseError);
    await expect(failure).rejects.toMatchObject({
      code: "ADDRESS_IN_USE",
      transport: "udp",
      message: `UDP 127.0.0.1:${busy.port} is already in use; pick another with --bind HOST:PORT`,
    });
  });

  it("releases the UDP socket when the TCP port is taken", async () => {
    const holder = await start();
    const freeUdp = await bindUdp();
    const udpPort = freeUdp.port;
    await freeUdp.close();
    const failure = startDaemon(
      { udp: { host: "127.0.0.1", port: udpPort }, tcp: holder.httpAddress },
      quiet,
    );
    await expect(failure).rejects.toMatchObject({ code: "ADDRESS_IN_USE", transport: "tcp" });
    const rebound = await startDaemon(
      { ...loopback, udp: { host: "127.0.0.1", port: udpPort } },
      quiet,
    );
    cleanups.push(() => rebound.close());
    expect(rebound.udpAddress.port).toBe(udpPort);
  });

  it("rejects an invalid config before binding anything", async () => {
    await expect(startDaemon({ ...loopback, maxTraces: 0 }, quiet)).rejects.toBeInstanceOf(
      InvalidConfigError,
    );
  });

  it("closes both sockets, once, also through await using", async () => {
    let url: string;
    let udpPort: number;
    {
      await using daemon = await startDaemon(loopback, quiet);
      url = daemon.url;
      udpPort = daemon.udpAddress.port;
    }
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    const again = await start({ ...loopback, udp: { host: "127.0.0.1", port: udpPort } });
    await Promise.all([again.close(), again.close()]);
  });
});
