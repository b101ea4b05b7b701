import { createSocket } from "node:dgram";

/** Sends each payload as one datagram to `address` (`host:port`), in order; resolves once sent. */
export async function sendDatagrams(
  address: string,
  payloads: readonly Uint8Array[],
): Promise<void> {
  const colon = address.lastIndexOf(":");
  const host = address.slice(0, colon).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(colon + 1));
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  try {
    for (const payload of payloads) {
      await new Promise<void>((resolve, reject) => {
        socket.send(payload, port, host, (error) => (error ? reject(error) : resolve()));
      });
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
