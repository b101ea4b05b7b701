import { createSocket } from "node:dgram";
import type { HostPort } from "xray-sandbox";

/** Sends each payload as one UDP datagram to `to`, in order; resolves once all are sent. */
export async function sendDatagrams(to: HostPort, payloads: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket(to.host.includes(":") ? "udp6" : "udp4");
  try {
    for (const payload of payloads) {
      await new Promise<void>((resolve, reject) => {
        socket.send(payload, to.port, to.host, (error) => (error ? reject(error) : resolve()));
      });
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
