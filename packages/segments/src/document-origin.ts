/**
 * How a stored document reached the sandbox: the X-Ray SDK over UDP, PutTraceSegments, an
 * import, code in the same process, or OpenTelemetry (with the span it was translated from).
 * Not to be confused with a segment's own `origin` field (`AWS::EC2::Instance`).
 */

import type { OtlpTransport } from "./otlp/otlp-model.ts";
import type { SourceSpan } from "./otlp/translate-contract.ts";

/** An X-Ray SDK's (or the X-Ray daemon protocol's) JSON datagram on the UDP socket. */
export interface XrayUdpOrigin {
  readonly kind: "xray-udp";
}

/** A document in a `PutTraceSegments` call. */
export interface PutTraceSegmentsOrigin {
  readonly kind: "put-trace-segments";
}

/** A datagram handed to the daemon by code in its own process (`Daemon.ingestDatagram()`). */
export interface InProcessOrigin {
  readonly kind: "in-process";
}

/**
 * An X-Ray document stored before origins were recorded (segment record version 1): it came
 * in as X-Ray JSON, over which transport is not known.
 */
export interface XrayOrigin {
  readonly kind: "xray";
}

/** A span received over OTLP (or ADOT's UDP datagrams) and translated into this document. */
export interface OtlpOrigin {
  readonly kind: "otlp";
  readonly transport: OtlpTransport;
  /** The span the document was made from, for the viewer's Raw tab. */
  readonly span?: SourceSpan;
}

/** A document read from an import file. */
export interface ImportOrigin {
  readonly kind: "import";
  /** The origin the exported record named; undefined when it named none (v1 files, bare documents). */
  readonly exported: ReceivedOrigin | undefined;
}

/** Every origin but an import: how a document first reached some sandbox. */
export type ReceivedOrigin =
  | XrayUdpOrigin
  | PutTraceSegmentsOrigin
  | InProcessOrigin
  | XrayOrigin
  | OtlpOrigin;

export type DocumentOrigin = ReceivedOrigin | ImportOrigin;

/**
 * The origin of a document translated from a span, with the span built only the first time
 * it is read and kept from then on. One object per span, with no closure and no side table:
 * the translator's origins (`SpanOrigin`) are a subclass that keeps what it needs to build
 * the span. `span` is a getter on the class, so `JSON.stringify` (segment records, exports,
 * API bodies) sees the origin through `toJSON()` as the plain `{ kind, transport, span }`.
 */
export abstract class LazyOtlpOrigin implements OtlpOrigin {
  readonly kind = "otlp";
  readonly transport: OtlpTransport;
  /** Whether the span was sampled, known without building it (the store asks of every document). */
  readonly #sampled: boolean;
  #built: SourceSpan | undefined;

  constructor(transport: OtlpTransport, sampled: boolean) {
    this.transport = transport;
    this.#sampled = sampled;
  }

  get sampled(): boolean {
    return this.#sampled;
  }

  get span(): SourceSpan {
    if (this.#built === undefined) this.#built = this.buildSpan();
    return this.#built;
  }

  /** The span, built once; a subclass lets go of what it was built from. */
  protected abstract buildSpan(): SourceSpan;

  toJSON(): OtlpOrigin {
    return { kind: "otlp", transport: this.transport, span: this.span };
  }
}

class ClosureOrigin extends LazyOtlpOrigin {
  #make: (() => SourceSpan) | undefined;

  constructor(transport: OtlpTransport, make: () => SourceSpan, sampled: boolean) {
    super(transport, sampled);
    this.#make = make;
  }

  protected buildSpan(): SourceSpan {
    const span = (this.#make as () => SourceSpan)();
    this.#make = undefined;
    return span;
  }
}

/** An origin whose span `span()` builds when it is first read. */
export function otlpOriginOf(
  transport: OtlpTransport,
  span: () => SourceSpan,
  sampled: boolean,
): OtlpOrigin {
  return new ClosureOrigin(transport, span, sampled);
}

/** What a trace list shows per origin: one word-sized key for each badge. */
export type OriginChannel =
  | "xray-sdk"
  | "xray"
  | "put-trace-segments"
  | "in-process"
  | "otlp-http"
  | "otlp-grpc"
  | "adot-udp"
  | "import";

/** The badge text for each channel. */
export const ORIGIN_CHANNEL_LABELS: Readonly<Record<OriginChannel, string>> = Object.freeze({
  "xray-sdk": "X-Ray SDK",
  xray: "X-Ray",
  "put-trace-segments": "PutTraceSegments",
  "in-process": "in-process",
  "otlp-http": "OTLP/HTTP",
  "otlp-grpc": "OTLP/gRPC",
  "adot-udp": "ADOT UDP",
  import: "import",
});

/** Channels in the order a list shows them. */
export const ORIGIN_CHANNELS: readonly OriginChannel[] = Object.freeze(
  Object.keys(ORIGIN_CHANNEL_LABELS) as OriginChannel[],
);

/** Shared values: the store holds one of these for every document of its kind. */
export const XRAY_UDP_ORIGIN: XrayUdpOrigin = Object.freeze({ kind: "xray-udp" });
export const PUT_TRACE_SEGMENTS_ORIGIN: PutTraceSegmentsOrigin = Object.freeze({
  kind: "put-trace-segments",
});
export const IN_PROCESS_ORIGIN: InProcessOrigin = Object.freeze({ kind: "in-process" });
export const XRAY_ORIGIN: XrayOrigin = Object.freeze({ kind: "xray" });

export function originChannel(origin: DocumentOrigin): OriginChannel {
  switch (origin.kind) {
    case "xray-udp":
      return "xray-sdk";
    case "xray":
    case "put-trace-segments":
    case "in-process":
    case "import":
      return origin.kind;
    case "otlp":
      return transportChannel(origin.transport);
  }
}

function transportChannel(transport: OtlpTransport): OriginChannel {
  switch (transport) {
    case "otlp-http-json":
    case "otlp-http-protobuf":
      return "otlp-http";
    case "otlp-grpc":
      return "otlp-grpc";
    case "otlp-udp":
      return "adot-udp";
    case "put-trace-segments":
      return "put-trace-segments";
  }
}

/** `import`, or `import (OTLP/HTTP)` when the export named where the document came from. */
export function describeOrigin(origin: DocumentOrigin): string {
  if (origin.kind === "import" && origin.exported !== undefined) {
    return `import (${describeOrigin(origin.exported)})`;
  }
  return ORIGIN_CHANNEL_LABELS[originChannel(origin)];
}

/** The origin of an imported document: an import already recorded is kept as it was. */
export function importedOrigin(recorded: DocumentOrigin | undefined): ImportOrigin {
  return recorded?.kind === "import" ? recorded : { kind: "import", exported: recorded };
}

/** The span an OTLP document was made from, through an import too. */
export function sourceSpanOf(origin: DocumentOrigin | undefined): SourceSpan | undefined {
  if (origin?.kind === "otlp") return origin.span;
  if (origin?.kind === "import") return sourceSpanOf(origin.exported);
  return undefined;
}

/**
 * True for a document translated from an unsampled span (ADOT's `T1U` datagrams), through an
 * import too. Such documents live in the store's unsampled pool while their trace has nothing else.
 */
export function isUnsampledOrigin(origin: DocumentOrigin | undefined): boolean {
  if (origin instanceof LazyOtlpOrigin) return !origin.sampled;
  return sourceSpanOf(origin)?.sampled === false;
}

/** The distinct channels of some documents' origins, in `ORIGIN_CHANNELS` order. */
export function originChannels(
  origins: Iterable<DocumentOrigin | undefined>,
): readonly OriginChannel[] {
  const seen = new Set<OriginChannel>();
  for (const origin of origins) if (origin !== undefined) seen.add(originChannel(origin));
  return ORIGIN_CHANNELS.filter((channel) => seen.has(channel));
}
