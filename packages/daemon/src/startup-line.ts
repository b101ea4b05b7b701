import { formatHostPort, httpUrl } from "./address.ts";
import type { DaemonConfig } from "./config.ts";
import type { Daemon } from "./daemon.ts";
import { formatBytes } from "./format-bytes.ts";

/** The one line the CLI prints once both sockets are bound. */
export function startupLine(
  daemon: Pick<
    Daemon,
    "udpAddress" | "httpAddress" | "receiveBufferBytes" | "sdkAddress" | "viewer"
  >,
): string {
  const exportValue = daemon.sdkAddress.includes(" ")
    ? `"${daemon.sdkAddress}"`
    : daemon.sdkAddress;
  const viewerNote = daemon.viewer.built ? "" : " (not built: pnpm build)";
  return (
    `xray-sandbox listening: UDP ${formatHostPort(daemon.udpAddress)} ` +
    `(receive buffer ${formatBytes(daemon.receiveBufferBytes)}), HTTP ${httpUrl(daemon.httpAddress)}, ` +
    `viewer ${daemon.viewer.url}${viewerNote}` +
    `  →  export AWS_XRAY_DAEMON_ADDRESS=${exportValue}`
  );
}

/**
 * The line after it: where OpenTelemetry exporters can send. `/v1/traces` on the main HTTP
 * port always works; the OTLP ports are the exporters' defaults when they could be bound.
 */
export function otlpLine(
  daemon: Pick<Daemon, "otlp" | "url"> & {
    readonly config: Pick<
      DaemonConfig,
      "keepUnsampled" | "unsampledMaxTraces" | "unsampledMaxBytes"
    >;
  },
): string {
  const { http, grpc } = daemon.otlp;
  const { keepUnsampled, unsampledMaxTraces, unsampledMaxBytes } = daemon.config;
  const listeners = [
    `HTTP ${daemon.url}/v1/traces${http.length > 0 ? `, ${http.join(", ")}` : ""}`,
    `gRPC ${grpc.length > 0 ? grpc.join(", ") : "off"}`,
    ...(keepUnsampled
      ? [
          `T1U (unsampled) spans kept, up to ${unsampledMaxTraces} traces and ${formatBytes(unsampledMaxBytes)} of their own`,
        ]
      : []),
  ].join("; ");
  const endpoint = http.length > 0 ? `http://localhost:${portOf(http[0] ?? "")}` : daemon.url;
  return `OpenTelemetry (OTLP): ${listeners}  →  export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}`;
}

/** Shared service mode, when a token is asked for: what needs it and what does not. */
export function sharingLine(config: Pick<DaemonConfig, "authToken">): string | undefined {
  if (config.authToken === undefined) return undefined;
  return (
    "Shared service mode: /api/*, the X-Ray query API, the live stream and the viewer ask for the token " +
    "(Authorization: Bearer, X-Sandbox-Token, or sign in on the viewer); " +
    "UDP, PutTraceSegments, sampling, PutTelemetryRecords, OTLP and /api/health do not"
  );
}

function portOf(address: string): string {
  return address.slice(address.lastIndexOf(":") + 1);
}
