import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { isPortFree } from "./port-check.ts";

describe("isPortFree", () => {
  it("sees a TCP port someone listens on as taken, and free once they stop", async () => {
    const server = createServer().listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no TCP address");
    expect(await isPortFree("127.0.0.1", address.port, "tcp")).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortFree("127.0.0.1", address.port, "tcp")).toBe(true);
  });

  it("sees a bound UDP port as taken", async () => {
    const socket = createSocket("udp4");
    socket.bind(0, "127.0.0.1");
    await once(socket, "listening");
    const { port } = socket.address();
    expect(await isPortFree("127.0.0.1", port, "udp")).toBe(false);
    socket.close();
  });
});
