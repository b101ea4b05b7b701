import { createSocket, type Socket } from "node:dgram";
import type { HostPort } from "../../src/config.ts";

/** Sends each payload as one datagram, in order, from one socket; resolves once all are sent. */
export async function sendDatagrams(
  to: HostPort,
  payloads: readonly Uint8Array[],
): Promise<{ address: string; port: number }> {
  const socket = createSocket("udp4");
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(0, "127.0.0.1", () => resolve());
    });
    for (const payload of payloads) {
      await new Promise<void>((resolve, reject) => {
        socket.send(payload, to.port, to.host, (error) => (error ? reject(error) : resolve()));
      });
    }
    return socket.address();
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}

/** A UDP socket bound on loopback port 0, to occupy a port. */
export async function bindUdp(): Promise<{ socket: Socket; port: number; close(): Promise<void> }> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  return {
    socket,
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
