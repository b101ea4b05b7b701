/**
 * The OTLP listeners on ports of their own: OTLP/HTTP (4318 by default) and OTLP/gRPC (4317).
 * Neither is required: a port already taken (another collector, another sandbox) costs one
 * warning line and the daemon goes on; its own UDP and HTTP ports are the ones that must
 * bind. Host `localhost` binds both loopback addresses, 127.0.0.1 and ::1, since
 * `localhost` may resolve to either.
 */

import { Hono } from "hono";
import { formatHostPort } from "../address.ts";
import type { DaemonConfig, HostPort } from "../config.ts";
import { notFoundHandler } from "../http/error-handler.ts";
import { HostOriginGuard, hostOriginMiddleware } from "../http/host-origin-guard.ts";
import { type HttpServer, startHttpServer } from "../http/server.ts";
import type { Logger } from "../logger.ts";
import { bindGrpc, createOtlpGrpcServer } from "./otlp-grpc-server.ts";
import { otlpHttpRoutes } from "./otlp-http-routes.ts";
import type { OtlpIntake } from "./otlp-intake.ts";

export interface OtlpListeners {
  /** As bound, `host:port`; empty when off or not bound. */
  readonly http: readonly string[];
  readonly grpc: readonly string[];
  close(): Promise<void>;
}

const LOOPBACKS = ["127.0.0.1", "::1"] as const;

function hostsOf(bind: HostPort): readonly string[] {
  return bind.host === "localhost" ? LOOPBACKS : [bind.host];
}

export async function startOtlpListeners(
  config: Pick<DaemonConfig, "otlpHttp" | "otlpGrpc" | "allowHosts" | "allowOrigins">,
  intake: OtlpIntake,
  logger: Logger,
): Promise<OtlpListeners> {
  const httpServers: HttpServer[] = [];
  const http: string[] = [];
  const grpc: string[] = [];
  if (config.otlpHttp !== undefined) {
    let port = config.otlpHttp.port;
    for (const host of hostsOf(config.otlpHttp)) {
      const guard = new HostOriginGuard({
        bindHost: host,
        port: () => port,
        allowHosts: config.allowHosts,
        allowOrigins: config.allowOrigins,
      });
      const app = new Hono();
      app.use(hostOriginMiddleware(guard));
      app.route("/", otlpHttpRoutes(intake));
      app.notFound(notFoundHandler(() => ["POST /v1/traces", "POST /v1/metrics", "POST /v1/logs"]));
      try {
        const server = await startHttpServer({ host, port }, app, logger);
        httpServers.push(server);
        // With port 0, the second loopback takes the port the first one got.
        port = server.address.port;
        http.push(formatHostPort(server.address));
      } catch (error) {
        skipped(logger, "OTLP/HTTP", "--otlp-http", host, port, error);
      }
    }
  }
  const grpcServer = config.otlpGrpc === undefined ? undefined : createOtlpGrpcServer(intake);
  if (grpcServer !== undefined && config.otlpGrpc !== undefined) {
    let port = config.otlpGrpc.port;
    for (const host of hostsOf(config.otlpGrpc)) {
      try {
        port = await bindGrpc(grpcServer, host, port);
        grpc.push(formatHostPort({ host, port }));
      } catch (error) {
        skipped(logger, "OTLP/gRPC", "--otlp-grpc", host, port, error);
      }
    }
  }
  let closing: Promise<void> | undefined;
  return {
    http,
    grpc,
    close() {
      closing ??= Promise.all([
        ...httpServers.map((server) => server.close()),
        new Promise<void>((resolve) => {
          if (grpcServer === undefined) resolve();
          else grpcServer.tryShutdown(() => resolve());
        }),
      ]).then(() => {
        grpcServer?.forceShutdown();
      });
      return closing;
    },
  };
}

function skipped(
  logger: Logger,
  what: string,
  flag: string,
  host: string,
  port: number,
  error: unknown,
): void {
  const address = formatHostPort({ host, port });
  const detail = error instanceof Error ? error.message : String(error);
  if (host === "::1" && /EADDRNOTAVAIL|EAFNOSUPPORT|Cannot assign/i.test(detail)) {
    logger.debug(`${what}: no IPv6 loopback here, listening on 127.0.0.1 only`);
    return;
  }
  logger.warn(
    `${what} not listening on ${address}: ${detail} (going on without it; choose another with ${flag} HOST:PORT or turn it off with ${flag} off)`,
  );
}
