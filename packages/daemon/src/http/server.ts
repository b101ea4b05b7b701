import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import type { HostPort } from "../config.ts";
import { bindFailure } from "../errors.ts";
import type { Logger } from "../logger.ts";

export interface HttpServer {
  /** As bound: a requested port 0 is replaced by the port the system picked. */
  readonly address: HostPort;
  /** The Node server, for features that hook into it (WebSocket upgrades). */
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens with `app`; rejects with `AddressInUseError` / `BindError` when it cannot. */
export async function startHttpServer(
  bind: HostPort,
  app: Hono,
  logger: Logger,
): Promise<HttpServer> {
  // Host is checked by the Host/Origin guard, which answers a missing one itself: over HTTP/1.0
  // it is optional (the request URL is then built on a placeholder host), over HTTP/1.1 a 400.
  const server = createServer(
    { requireHostHeader: false },
    getRequestListener(app.fetch, { hostname: "localhost" }),
  );
  await listen(server, bind);
  server.on("error", (error) => {
    logger.error({ err: error }, `HTTP server error: ${error.message}`);
  });
  const bound = server.address();
  const { address, port } =
    typeof bound === "object" && bound !== null ? bound : { address: bind.host, port: bind.port };
  let closed: Promise<void> | undefined;
  return {
    address: { host: address, port },
    server,
    close() {
      closed ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function listen(server: Server, { host, port }: HostPort): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off("listening", onListening);
      reject(bindFailure("tcp", host, port, error));
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen({ host, port, exclusive: true });
  });
}
