/**
 * What parsing one datagram (or one PutTraceSegments entry) yields. Parsing never throws:
 * untrusted bytes give a result value.
 */

import type { TopLevelDocument } from "./document.ts";

/** Why a datagram was not accepted. Stable strings: shown to users and counted in stats. */
export type RejectionReason =
  | "too-large"
  | "invalid-utf8"
  | "no-separator"
  | "bad-header"
  | "empty-body"
  | "not-json"
  | "not-object"
  | "too-deep"
  | "otlp-bad-base64"
  | "otlp-bad-protobuf"
  | "otlp-bad-json"
  | "otlp-untranslatable"
  | "invalid-document";

export interface Rejection {
  readonly reason: RejectionReason;
  /** One sentence a user can act on, e.g. `header "format" is "xml", expected "json"`. */
  readonly message: string;
}

/** A deviation from the published segment schema that real SDKs produce; never fatal. */
export interface ValidationWarning {
  /** JSON path of the offending value, e.g. `cause.exceptions[0].stack[2].line`. */
  readonly path: string;
  readonly message: string;
}

export interface AcceptedDocument {
  readonly ok: true;
  readonly document: TopLevelDocument;
  /** The document's JSON text exactly as received (no header). */
  readonly raw: string;
  readonly warnings: readonly ValidationWarning[];
}

export interface RejectedDocument {
  readonly ok: false;
  readonly rejection: Rejection;
}

export type ParseResult = AcceptedDocument | RejectedDocument;
