import { createSocket, type Socket } from "node:dgram";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { sendPaced } from "./paced-sender.ts";
import { buildTracePool } from "./segment-generator.ts";

const TRACE_ID = /"trace_id":"(1-[0-9a-f]{8}-[0-9a-f]{24})"/;

const sockets: Socket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

async function udpSocket(): Promise<Socket> {
  const socket = createSocket({ type: "udp4", recvBufferSize: 4 * 1024 * 1024 });
  sockets.push(socket);
  socket.bind(0, "127.0.0.1");
  await once(socket, "listening");
  return socket;
}

describe("sendPaced", () => {
  it("paces rate × seconds datagrams over the window, each trace under a new id", async () => {
    const receiver = await udpSocket();
    const traceIds = new Set<string>();
    let received = 0;
    receiver.on("message", (message: Buffer) => {
      const id = TRACE_ID.exec(message.toString())?.[1];
      if (id !== undefined) traceIds.add(id);
      received++;
      receiver.emit("counted");
    });
    const sender = await udpSocket();
    sender.connect(receiver.address().port, "127.0.0.1");
    await once(sender, "connect");

    const pool = buildTracePool({ targetBytes: 800, traceCount: 8, seed: 1, nowSeconds: 1.8e9 });
    const counter = { next: 1 };
    const report = await sendPaced(sender, pool, 5_000, 0.5, counter);
    while (received < report.sent) await once(receiver, "counted");

    // On a busy machine the sender may fall behind; it then sends less, never longer or faster.
    expect(report).toMatchObject({ type: "sent", planned: 2_500, sendErrors: 0 });
    expect(report.sent).toBeLessThanOrEqual(2_500);
    expect(report.sent).toBeGreaterThan(1_250);
    expect(report.elapsedSeconds).toBeGreaterThanOrEqual(0.49);
    expect(report.achievedRate).toBeLessThanOrEqual(5_000 * 1.02);
    expect(received).toBe(report.sent);
    expect(traceIds.size).toBe(counter.next - 1);
    expect(report.traces).toBeGreaterThanOrEqual(report.sent / 6 - 1);
  });
});
