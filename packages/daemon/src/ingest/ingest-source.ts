import type { OtlpTransport } from "@xray-sandbox/segments";

/**
 * Where a document came from. Every way into the store names its source with one of these,
 * so the rejection log and the debug log can say who sent what, and the store keeps the
 * document's origin (`originOf`).
 */

import {
  type DocumentOrigin,
  IN_PROCESS_ORIGIN,
  importedOrigin,
  PUT_TRACE_SEGMENTS_ORIGIN,
  type SourceSpan,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";

/** A datagram on the UDP socket, from this sender. */
export interface UdpSource {
  readonly kind: "udp";
  readonly address: string;
  readonly port: number;
}

/** A document in an X-Ray API call's body (`PutTraceSegments`). */
export interface ApiSource {
  readonly kind: "api";
  readonly operation: "PutTraceSegments";
}

/** A document read from an import file. */
export interface ImportSource {
  readonly kind: "import";
  /** The file's name, when the importer gave one. */
  readonly file?: string | undefined;
  /** Where in the file: `line 3`, `Traces[0].Segments[1].Document`. */
  readonly where: string;
  /** The origin the file's record named (a version 2 export); undefined when it named none. */
  readonly recorded?: DocumentOrigin | undefined;
}

/** A datagram handed to `Daemon.ingestDatagram()` by code in the same process. */
export interface InProcessSource {
  readonly kind: "in-process";
  /** Shown as the sender; `in-process` when not given. */
  readonly label?: string | undefined;
}

/** OpenTelemetry spans: OTLP/HTTP, OTLP/gRPC, a `T1S`/`T1U` datagram or a PutTraceSegments entry. */
export interface OtlpSource {
  readonly kind: "otlp";
  readonly transport: OtlpTransport;
  /** False for `T1U` (unsampled) datagrams. */
  readonly sampled: boolean;
  /** The sender, `ip:port`, when known. */
  readonly peer?: string | undefined;
}

export type IngestSource = UdpSource | ApiSource | ImportSource | InProcessSource | OtlpSource;

/** The sources a whole datagram (header line and document) can come from. */
export type DatagramSource = UdpSource | InProcessSource;

/** How the viewer and the logs name each way OTLP arrives. */
export const TRANSPORT_NAMES: Readonly<Record<OtlpTransport, string>> = {
  "otlp-http-protobuf": "OTLP/HTTP protobuf",
  "otlp-http-json": "OTLP/HTTP JSON",
  "otlp-grpc": "OTLP/gRPC",
  "otlp-udp": "ADOT UDP",
  "put-trace-segments": "PutTraceSegments OTLP",
};

export const PUT_TRACE_SEGMENTS: ApiSource = Object.freeze({
  kind: "api",
  operation: "PutTraceSegments",
});

export const IN_PROCESS: InProcessSource = Object.freeze({ kind: "in-process" });

/** The sender as the rejection log shows it: `10.0.0.1:3000`, `[::1]:3000`, `import line 3`. */
export function describeSource(source: IngestSource): string {
  switch (source.kind) {
    case "udp":
      return source.address.includes(":")
        ? `[${source.address}]:${source.port}`
        : `${source.address}:${source.port}`;
    case "api":
      return source.operation;
    case "import":
      return source.file === undefined
        ? `import ${source.where}`
        : `import ${source.file} ${source.where}`;
    case "in-process":
      return source.label ?? "in-process";
    case "otlp":
      return source.peer === undefined
        ? TRANSPORT_NAMES[source.transport]
        : `${TRANSPORT_NAMES[source.transport]} from ${source.peer}`;
  }
}

/**
 * The origin the store keeps for a document from `source`. `span`: the OpenTelemetry span the
 * document was translated from, which makes it an OTLP document whatever carried it.
 */
export function originOf(source: IngestSource, span?: SourceSpan): DocumentOrigin {
  if (span !== undefined) return { kind: "otlp", transport: span.transport, span };
  switch (source.kind) {
    case "udp":
      return XRAY_UDP_ORIGIN;
    case "api":
      return PUT_TRACE_SEGMENTS_ORIGIN;
    case "import":
      return importedOrigin(source.recorded);
    case "in-process":
      return IN_PROCESS_ORIGIN;
    case "otlp":
      // Every OTLP document is stored with its span; one without is told apart by its path.
      return { kind: "otlp", transport: source.transport };
  }
}
