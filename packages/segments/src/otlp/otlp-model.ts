/**
 * OpenTelemetry trace data in one shape, whichever wire it came over: OTLP/HTTP protobuf or
 * JSON, OTLP/gRPC, or ADOT's `T1S`/`T1U` datagrams. The daemon's decoders produce it; the
 * translator (`translate-spans.ts`) turns it into X-Ray documents. Pure data: no protobuf
 * runtime types leak past the decoders.
 *
 * Ids are lowercase hex (trace 32 chars, span 16 chars; an absent parent is `""`). Times are
 * nanoseconds since the Unix epoch. Integer attribute values that fit a double exactly are
 * numbers; larger ones are decimal strings (so every value stays JSON).
 */

export type OtlpValue =
  | string
  | number
  | boolean
  | null
  | readonly OtlpValue[]
  | OtlpKeyValueList
  | OtlpBytes;

/** An OTLP `kvlistValue`: keys in the order they were sent. */
export interface OtlpKeyValueList {
  readonly kind: "kvlist";
  readonly entries: ReadonlyMap<string, OtlpValue>;
}

/** An OTLP `bytesValue`. */
export interface OtlpBytes {
  readonly kind: "bytes";
  readonly bytes: Uint8Array;
}

export type OtlpAttributes = ReadonlyMap<string, OtlpValue>;

export type OtlpSpanKind =
  | "unspecified"
  | "internal"
  | "server"
  | "client"
  | "producer"
  | "consumer";

export type OtlpStatusCode = "unset" | "ok" | "error";

export interface OtlpEvent {
  readonly timeUnixNano: bigint;
  readonly name: string;
  readonly attributes: OtlpAttributes;
}

export interface OtlpLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: OtlpAttributes;
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** `""` for a root span. */
  readonly parentSpanId: string;
  readonly traceState: string;
  readonly name: string;
  readonly kind: OtlpSpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: OtlpAttributes;
  readonly events: readonly OtlpEvent[];
  readonly links: readonly OtlpLink[];
  readonly status: { readonly code: OtlpStatusCode; readonly message: string };
  /**
   * Where the span's own message is in its request's protobuf body (`OtlpTraceRequest.wire`),
   * when it was decoded from one.
   */
  readonly wireStart?: number;
  readonly wireEnd?: number;
}

export interface OtlpScope {
  readonly name: string;
  readonly version: string;
}

export interface OtlpScopeSpans {
  readonly scope: OtlpScope;
  readonly spans: readonly OtlpSpan[];
}

export interface OtlpResourceSpans {
  readonly resource: OtlpAttributes;
  readonly scopeSpans: readonly OtlpScopeSpans[];
}

/**
 * The protobuf body a request was decoded from, and how to decode one of its spans again.
 * The translator keeps the body and each span's place in it for the viewer's Raw tab, rather
 * than the decoded span (which is larger, and would stay alive with every stored document).
 */
export interface OtlpRequestWire {
  /** Not changed after decoding (a copy of what was received). */
  readonly body: Uint8Array;
  /** The span whose message is `body[start, end)`, as the decoder gave it the first time. */
  readonly decodeSpan: (body: Uint8Array, start: number, end: number) => OtlpSpan;
}

/** One `ExportTraceServiceRequest`. */
export interface OtlpTraceRequest {
  readonly resourceSpans: readonly OtlpResourceSpans[];
  /** Set by the protobuf decoder; spans then carry `wireStart` and `wireEnd`. */
  readonly wire?: OtlpRequestWire;
  /**
   * Every id (trace, span, parent span) was written as lowercase hex from bytes, so it is hex
   * by construction (the protobuf decoder): only its length and zeros are left to check.
   */
  readonly hexIds?: boolean;
  /**
   * Each span's `attributes` hold only `FILING_ATTRIBUTES` (the protobuf decoder's filing
   * mode): enough to file the span (`fileTraceRequest`), not to translate it; a span is then
   * decoded again whole from `wire` before it is translated.
   */
  readonly filingAttributesOnly?: boolean;
}

/** How the spans reached the sandbox; shown as a trace's source in the viewer. */
export type OtlpTransport =
  | "otlp-http-protobuf"
  | "otlp-http-json"
  | "otlp-grpc"
  | "otlp-udp"
  | "put-trace-segments";
