/**
 * `error`, `throttle` and `fault` (collector `cause.go`, end of `makeCause`): the HTTP status
 * decides when there is one between 400 and 599 (4xx `error`, 429 also `throttle`, 5xx
 * `fault`); otherwise a span status of ERROR is a `fault`.
 */

import { integerAttribute } from "./attribute-values.ts";
import { HTTP_RESPONSE_STATUS_CODE, HTTP_STATUS_CODE } from "./otlp-attributes.ts";
import type { OtlpSpan } from "./otlp-model.ts";

interface StatusFlags {
  readonly error: boolean;
  readonly throttle: boolean;
  readonly fault: boolean;
}

export function statusFlags(span: OtlpSpan): StatusFlags {
  const code =
    integerAttribute(span.attributes, HTTP_STATUS_CODE) ??
    integerAttribute(span.attributes, HTTP_RESPONSE_STATUS_CODE);
  if (code !== undefined && code >= 400 && code <= 499) {
    return { error: true, throttle: code === 429, fault: false };
  }
  if (code !== undefined && code >= 500 && code <= 599) {
    return { error: false, throttle: false, fault: true };
  }
  return { error: false, throttle: false, fault: span.status.code === "error" };
}
