import { afterEach, describe, expect, it, vi } from "vitest";
import { capturingLogger } from "../../test/support/capturing-logger.ts";
import { bindUdp } from "../../test/support/udp.ts";
import { silentLogger } from "../logger.ts";
import { type Forwarder, startForwarder } from "./udp-forwarder.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function forwarder(options: Parameters<typeof startForwarder>[0]): Promise<Forwarder> {
  const started = await startForwarder(options);
  cleanups.push(() => started.close());
  return started;
}

async function receiver() {
  const bound = await bindUdp();
  cleanups.push(bound.close);
  const received: Buffer[] = [];
  bound.socket.on("message", (bytes: Buffer) => received.push(bytes));
  return { port: bound.port, received };
}

describe("startForwarder", () => {
  it("sends each datagram unchanged and counts it", async () => {
    const target = await receiver();
    const forward = await forwarder({
      target: { host: "127.0.0.1", port: target.port },
      logger: silentLogger(),
    });
    const payload = new TextEncoder().encode('{"format":"json","version":1}\n{"name":"ü"}');
    forward.send(payload);
    await vi.waitFor(() => expect(target.received.at(-1)).toEqual(Buffer.from(payload)));
    expect(forward.stats()).toMatchObject({
      target: `udp:127.0.0.1:${target.port}`,
      failed: 0,
      dropped: 0,
      lastError: null,
    });
    expect(forward.stats().sent).toBe(1);
  });

  it("counts sends as failed while the target's name does not resolve, and logs it once", async () => {
    const { logger, records } = capturingLogger();
    const forward = await forwarder({
      target: { host: "no-such-host.invalid", port: 2000 },
      logger,
      reconnectMs: 10,
    });
    forward.send(new Uint8Array([1]));
    forward.send(new Uint8Array([2]));
    expect(forward.stats()).toMatchObject({ sent: 0, failed: 2 });
    expect(
      records.filter((record) => /forwarding to udp:no-such-host/.test(record.msg)),
    ).toHaveLength(1);
  });

  it("drops and counts datagrams beyond its in-flight bound instead of queueing them", async () => {
    const target = await receiver();
    const forward = await forwarder({
      target: { host: "127.0.0.1", port: target.port },
      logger: silentLogger(),
      maxInFlight: 1,
    });
    for (let i = 0; i < 50; i++) forward.send(new Uint8Array([i]));
    expect(forward.stats()).toMatchObject({ inFlight: 1, dropped: 49 });
    await vi.waitFor(() => expect(forward.stats().inFlight).toBe(0));
  });

  it("stops sending once closed", async () => {
    const target = await receiver();
    const forward = await forwarder({
      target: { host: "127.0.0.1", port: target.port },
      logger: silentLogger(),
    });
    await forward.close();
    forward.send(new Uint8Array([1]));
    expect(forward.stats()).toMatchObject({ sent: 0, failed: 1 });
  });
});
