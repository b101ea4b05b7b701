/**
 * How the viewer names each way a document reaches the sandbox: a short visible label, a
 * shorter code for narrow screens, the words a screen reader says, and a tooltip.
 */

import type { OriginChannel } from "@xray-sandbox/segments";

/** X-Ray's own protocol, OpenTelemetry, or neither (an import). Picks the badge's colour. */
export type OriginFamily = "xray" | "otel" | "other";

export interface OriginDisplay {
  /** The badge text: `X-Ray SDK`, `OTLP/HTTP`. */
  readonly label: string;
  /** At most 4 characters, shown instead of `label` at phone width. */
  readonly short: string;
  /** What a screen reader says instead of the visible text: `sent by an X-Ray SDK over UDP`. */
  readonly sentBy: string;
  /** The tooltip: what the channel is. */
  readonly title: string;
  readonly family: OriginFamily;
}

export const ORIGIN_DISPLAY: Readonly<Record<OriginChannel, OriginDisplay>> = Object.freeze({
  "xray-sdk": {
    label: "X-Ray SDK",
    short: "SDK",
    sentBy: "sent by an X-Ray SDK over UDP",
    title: "X-Ray SDK: segment documents as JSON datagrams on the daemon's UDP port",
    family: "xray",
  },
  xray: {
    label: "X-Ray",
    short: "XR",
    sentBy: "sent as X-Ray JSON, transport not recorded",
    title: "X-Ray JSON stored before the sandbox recorded how documents arrived",
    family: "xray",
  },
  "put-trace-segments": {
    label: "API",
    short: "API",
    sentBy: "sent by the PutTraceSegments API",
    title: "PutTraceSegments: documents sent to the X-Ray API (AWS CLI, AWS SDKs, an X-Ray daemon)",
    family: "xray",
  },
  "in-process": {
    label: "in-process",
    short: "proc",
    sentBy: "sent by code in the sandbox's own process",
    title: "Handed to the daemon by code in its own process (Daemon.ingestDatagram)",
    family: "xray",
  },
  "otlp-http": {
    label: "OTLP/HTTP",
    short: "HTTP",
    sentBy: "sent by OpenTelemetry over OTLP/HTTP",
    title: "OpenTelemetry spans over OTLP/HTTP (POST /v1/traces), translated into X-Ray documents",
    family: "otel",
  },
  "otlp-grpc": {
    label: "OTLP/gRPC",
    short: "gRPC",
    sentBy: "sent by OpenTelemetry over OTLP/gRPC",
    title:
      "OpenTelemetry spans over OTLP/gRPC (TraceService/Export), translated into X-Ray documents",
    family: "otel",
  },
  "adot-udp": {
    label: "ADOT UDP",
    short: "UDP",
    sentBy: "sent by ADOT over UDP",
    title:
      "OpenTelemetry spans in ADOT's T1S/T1U datagrams on the UDP port, translated into X-Ray documents",
    family: "otel",
  },
  import: {
    label: "import",
    short: "imp",
    sentBy: "sent by an import file",
    title: "Read from an imported file (NDJSON export or BatchGetTraces JSON)",
    family: "other",
  },
});

/** The channels whose documents were translated from OpenTelemetry spans. */
export function isOtelChannel(channel: OriginChannel): boolean {
  return ORIGIN_DISPLAY[channel].family === "otel";
}
