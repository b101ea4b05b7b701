import type { IncomingMessage, Server } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { LIVE_PATH } from "@xray-sandbox/segments";
import { WebSocketServer } from "ws";
import { authErrorBody, credentialsOf } from "../auth/auth-middleware.ts";
import type { TokenAuth } from "../auth/token-auth.ts";
import { type HostOriginGuard, refusalBody, SECURITY_HEADERS } from "../http/host-origin-guard.ts";
import type { Logger } from "../logger.ts";
import type { LiveHub } from "./live-hub.ts";

export interface LiveEndpointDeps {
  readonly hub: LiveHub;
  readonly guard: HostOriginGuard;
  /** Shared service mode: the upgrade needs the token (the viewer's cookie, or a header). */
  readonly auth?: TokenAuth | undefined;
  readonly logger: Logger;
}

export interface LiveEndpoint {
  /** Stops accepting upgrades; the hub closes the connections. */
  close(): void;
}

/**
 * The live WebSocket at LIVE_PATH on the daemon's HTTP server. Upgrades elsewhere get a 404,
 * from a refused Host or Origin a 403, without the token (shared service mode) a 401, beyond
 * `maxClients` a 503; each with a JSON body.
 */
export function attachLiveEndpoint(
  server: Server,
  { hub, guard, auth, logger }: LiveEndpointDeps,
): LiveEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hub.bounds.maxClientMessageBytes,
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", (error) => logger.debug({ err: error }, "live upgrade socket error"));
    const path = pathOf(request.url);
    if (path !== LIVE_PATH) {
      refuse(socket, 404, {
        error: {
          code: "NOT_FOUND",
          message: `no WebSocket at ${path}; the live stream is at ${LIVE_PATH}`,
        },
      });
      return;
    }
    const verdict = guard.check(request.headers.host, request.headers.origin, request.httpVersion);
    if (!verdict.ok) {
      logger.info({ host: request.headers.host, origin: request.headers.origin }, verdict.message);
      refuse(socket, verdict.status, refusalBody(path, verdict).body);
      return;
    }
    const authVerdict = auth?.check(credentialsOf((name) => headerText(request, name)));
    if (auth !== undefined && authVerdict !== undefined && !authVerdict.ok) {
      auth.countRefused();
      logger.info({ host: request.headers.host }, `live stream refused: ${authVerdict.message}`);
      refuse(socket, 401, authErrorBody(authVerdict), {
        "WWW-Authenticate": 'Bearer realm="xray-sandbox"',
      });
      return;
    }
    if (hub.full) {
      refuse(socket, 503, {
        error: {
          code: "TOO_MANY_CLIENTS",
          message: `the live stream has its maximum of ${hub.bounds.maxClients} clients; close another viewer tab`,
        },
      });
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = hub.connect(ws);
      ws.on("message", (data, isBinary) => {
        connection.received(!isBinary && Buffer.isBuffer(data) ? data.toString("utf8") : undefined);
      });
      ws.on("pong", () => connection.alive());
      ws.on("close", () => connection.closed());
      ws.on("error", (error) => logger.debug({ err: error }, "live client error"));
    });
  };

  server.on("upgrade", onUpgrade);
  return {
    close() {
      server.off("upgrade", onUpgrade);
      wss.close();
    },
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return url ?? "/";
  }
}

function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(
  socket: Duplex,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: application/json; charset=utf-8\r\n" +
      Object.entries({ ...SECURITY_HEADERS, ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      "\r\n" +
      text,
  );
}
