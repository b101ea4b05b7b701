/**
 * Which stored document carried a node of the trace, and what the trace's documents say about
 * where they came from.
 */

import {
  type DocumentBody,
  type DocumentOrigin,
  describeOrigin,
  type OtlpTransport,
  originChannel,
  type SourceSpan,
  sourceSpanOf,
  type TraceNode,
} from "@xray-sandbox/segments";
import { isOtelChannel } from "./origin-labels.ts";

export interface CarryingDocument {
  readonly document: DocumentBody;
  /** The node's own document, not an ancestor's it was embedded in. */
  readonly own: boolean;
}

/**
 * The stored document that carried `node`: its own (a segment or an independent subsegment;
 * the latest when it arrived more than once), else the nearest ancestor's (a subsegment
 * embedded in its segment). Undefined when none of them is among `documents`.
 */
export function carryingDocument(
  node: TraceNode,
  nodes: ReadonlyMap<string, TraceNode>,
  documents: readonly DocumentBody[],
): CarryingDocument | undefined {
  let current: TraceNode | undefined = node;
  // Each step goes one level up; a malformed tree cannot make it loop past every node.
  for (let steps = 0; current !== undefined && steps <= nodes.size; steps++) {
    const document = latestDocumentWithId(current.document.id, documents);
    if (document !== undefined) return { document, own: current === node };
    if (current.kind === "segment" || current.independent || current.parentId === undefined) {
      return undefined;
    }
    current = nodes.get(current.parentId);
  }
  return undefined;
}

/** The last of `documents` whose top-level `id` is `id`. */
function latestDocumentWithId(
  id: unknown,
  documents: readonly DocumentBody[],
): DocumentBody | undefined {
  if (typeof id !== "string") return undefined;
  const needle = JSON.stringify(id);
  for (let index = documents.length - 1; index >= 0; index--) {
    const document = documents[index];
    if (document === undefined || !document.raw.includes(needle)) continue;
    if (topLevelId(document.raw) === id) return document;
  }
  return undefined;
}

function topLevelId(raw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null && "id" in parsed ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

export interface TraceOriginFacts {
  /** Some document was translated from an OpenTelemetry span (directly or in an import). */
  readonly otel: boolean;
  /** Documents made from spans sent unsampled (ADOT `T1U`). */
  readonly unsampled: number;
}

export function traceOriginFacts(documents: readonly DocumentBody[]): TraceOriginFacts {
  let otel = false;
  let unsampled = 0;
  for (const document of documents) {
    const origin = document.origin;
    if (origin === undefined) continue;
    const span = sourceSpanOf(origin);
    if (span !== undefined || isOtelChannel(originChannel(receivedOrigin(origin)))) otel = true;
    if (span !== undefined && !span.sampled) unsampled++;
  }
  return { otel, unsampled };
}

/** An import's recorded origin when it has one: the way the document first arrived. */
function receivedOrigin(origin: DocumentOrigin): DocumentOrigin {
  return origin.kind === "import" && origin.exported !== undefined ? origin.exported : origin;
}

const TRANSPORT_NAMES: Readonly<Record<OtlpTransport, string>> = Object.freeze({
  "otlp-http-json": "OTLP/HTTP (JSON)",
  "otlp-http-protobuf": "OTLP/HTTP (protobuf)",
  "otlp-grpc": "OTLP/gRPC",
  "otlp-udp": "ADOT UDP",
  "put-trace-segments": "PutTraceSegments",
});

/** `OTLP/HTTP (JSON)`; ADOT UDP says which datagram: `ADOT UDP (T1U, unsampled)`. */
export function describeTransport(span: SourceSpan): string {
  const name = TRANSPORT_NAMES[span.transport];
  if (span.transport !== "otlp-udp") return name;
  return span.sampled ? `${name} (T1S)` : `${name} (T1U, unsampled)`;
}

/** One sentence: where a document came from, for documents without a source span. */
export function originSentence(origin: DocumentOrigin | undefined): string {
  if (origin === undefined) return "The sandbox does not know how this document arrived.";
  switch (origin.kind) {
    case "xray-udp":
      return "Sent by an X-Ray SDK: a JSON datagram on the daemon's UDP port.";
    case "put-trace-segments":
      return "Sent in a PutTraceSegments call to the X-Ray API.";
    case "in-process":
      return "Handed to the daemon by code in its own process.";
    case "xray":
      return "Sent as X-Ray JSON, stored before the sandbox recorded how documents arrived.";
    case "otlp":
      return `Translated from an OpenTelemetry span sent over ${TRANSPORT_NAMES[origin.transport]}; the span was not kept.`;
    case "import":
      return origin.exported === undefined
        ? "Read from an imported file that did not say how the document first arrived."
        : `Read from an imported file; first received as ${describeOrigin(origin.exported)}.`;
  }
}
