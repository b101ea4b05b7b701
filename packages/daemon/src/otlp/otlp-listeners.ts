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
  const failures: BindFailure[] = [];
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
        failures.push({ host, port, error });
      }
    }
    skipped(logger, "OTLP/HTTP", "--otlp-http", failures.splice(0));
  }
  const grpcServer = config.otlpGrpc === undefined ? undefined : createOtlpGrpcServer(intake);
  if (grpcServer !== undefined && config.otlpGrpc !== undefined) {
    let port = config.otlpGrpc.port;
    for (const host of hostsOf(config.otlpGrpc)) {
      try {
        port = await bindGrpc(grpcServer, host, port);
        grpc.push(formatHostPort({ host, port }));
      } catch (error) {
        failures.push({ host, port, error });
      }
    }
    skipped(logger, "OTLP/gRPC", "--otlp-grpc", failures.splice(0));
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

interface BindFailure {
  readonly host: string;
  readonly port: number;
  readonly error: unknown;
}

/**
 * One warning line for a listener that could not bind (on one loopback or both), naming the
 * addresses and why; a machine without IPv6 loopback is only worth a debug line.
 */
function skipped(
  logger: Logger,
  what: string,
  flag: string,
  failures: readonly BindFailure[],
): void {
  const reported = failures.filter(({ host, error }) => {
    if (host === "::1" && /EADDRNOTAVAIL|EAFNOSUPPORT|Cannot assign/i.test(detailOf(error))) {
      logger.debug(`${what}: no IPv6 loopback here, listening on 127.0.0.1 only`);
      return false;
    }
    return true;
  });
  if (reported.length === 0) return;
  const addresses = reported.map(({ host, port }) => formatHostPort({ host, port })).join(" and ");
  const reasons = [...new Set(reported.map(({ error }) => reasonOf(error)))].join("; ");
  logger.warn(
    `${what} not listening on ${addresses}: ${reasons} (going on without it; choose another with ${flag} HOST:PORT or turn it off with ${flag} off)`,
  );
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a bind failed, in words that fit any listener: the common cases by their error code. */
function reasonOf(error: unknown): string {
  const detail = detailOf(error);
  if (/EADDRINUSE|already in use/i.test(detail)) return "the port is already in use";
  if (/EACCES|permission denied/i.test(detail)) return "permission denied";
  return detail;
}
