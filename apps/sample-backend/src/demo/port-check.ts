import { createSocket } from "node:dgram";
import { createServer } from "node:net";

export type Transport = "tcp" | "udp";

/** Whether `port` can be bound right now; checked by binding and releasing it. */
export function isPortFree(host: string, port: number, transport: Transport): Promise<boolean> {
  return transport === "tcp" ? tcpFree(host, port) : udpFree(host, port);
}

function tcpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.close(() => resolve(true));
    });
  });
}
