/**
 * What forwarding as OTLP makes of a stored document: spans, each with the resource and the
 * instrumentation scope it belongs to. `groupSpans` puts many of them into one request.
 */

import type { OtlpAttributes, OtlpScope, OtlpSpan } from "../otlp/otlp-model.ts";

export interface ForwardSpan {
  readonly resource: OtlpAttributes;
  readonly scope: OtlpScope;
  readonly span: OtlpSpan;
}

/** The scope of spans made from X-Ray documents (their SDK is named in the resource). */
export const XRAY_DOCUMENT_SCOPE: OtlpScope = Object.freeze({
  name: "xray-sandbox.forward",
  version: "1",
});
