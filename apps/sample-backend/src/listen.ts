import { once } from "node:events";
import type { Server } from "node:http";
import type { Express } from "express";

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  readonly port: number;

  constructor(host: string, port: number, variable: string) {
    super(
      `port ${port} on ${host} is already in use; set ${variable} to another port (0 picks a free one)`,
    );
    this.port = port;
  }
}

export interface Listening {
  readonly server: Server;
  readonly url: string;
}

/** Listens and resolves with the bound URL; `variable` names the setting to change if the port is taken. */
export async function listen(
  app: Express,
  host: string,
  port: number,
  variable: string,
): Promise<Listening> {
  const server = app.listen(port, host);
  try {
    await once(server, "listening");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      throw new PortInUseError(host, port, variable);
    }
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new Error(`expected a TCP address, got ${String(address)}`);
  }
  const shownHost = host === "0.0.0.0" ? "127.0.0.1" : host;
  return { server, url: `http://${shownHost}:${address.port}` };
}

/** Stops accepting, ends idle and open connections, resolves when closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
