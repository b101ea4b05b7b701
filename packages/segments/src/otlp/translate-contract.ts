/**
 * What the span translator takes and gives. The translator follows the OpenTelemetry
 * collector's `awsxrayexporter` rules; see `translate-spans.ts`.
 */

import type { TopLevelDocument } from "../document.ts";
import type { OtlpOrigin } from "../document-origin.ts";
import type { OtlpTransport } from "./otlp-model.ts";

export interface TranslateOptions {
  /** Every attribute becomes an annotation (`--otlp-index-all-attributes`). */
  readonly indexAllAttributes: boolean;
  /** Attribute keys that become annotations besides those in `aws.xray.annotations`. */
  readonly indexedAttributes: readonly string[];
}

/**
 * The span a document was made from, as JSON, for the viewer's Raw tab: ids in hex, times as
 * decimal nanosecond strings, attributes as objects (bytes as base64).
 */
export interface SourceSpan {
  readonly transport: OtlpTransport;
  /** `T1S` / `T1U` datagrams; always true for HTTP and gRPC. */
  readonly sampled: boolean;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly status: { readonly code: string; readonly message: string };
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly scope: { readonly name: string; readonly version: string };
  readonly events: readonly unknown[];
  readonly links: readonly unknown[];
}

export interface TranslatedDocument {
  /** A segment, or an independent subsegment (`type: "subsegment"`, `parent_id`). */
  readonly document: TopLevelDocument;
  /** The span it was made from; built when first read, shared by the span's documents. */
  readonly source: SourceSpan;
  /** The origin to store it with: its transport and (read lazily) `source`. */
  readonly origin: OtlpOrigin;
}

export interface UntranslatedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Why it could not become a document: `trace id is all zeros`. */
  readonly message: string;
}

export interface TranslateResult {
  readonly documents: readonly TranslatedDocument[];
  readonly rejected: readonly UntranslatedSpan[];
}
