import type { OtlpTraceRequest } from "@xray-sandbox/segments";

/** A decoded request, or why the body is not one; decoders never throw. */
export type DecodeResult =
  | { readonly ok: true; readonly request: OtlpTraceRequest; readonly spans: number }
  | { readonly ok: false; readonly message: string };

/** Attribute values nest (arrays, key-value lists) at most this deep; deeper is refused. */
export const MAX_VALUE_DEPTH = 32;

export const SPAN_KINDS = [
  "unspecified",
  "internal",
  "server",
  "client",
  "producer",
  "consumer",
] as const;

export const STATUS_CODES = ["unset", "ok", "error"] as const;

export function countSpans(request: OtlpTraceRequest): number {
  let spans = 0;
  for (const resource of request.resourceSpans) {
    for (const scope of resource.scopeSpans) spans += scope.spans.length;
  }
  return spans;
}
