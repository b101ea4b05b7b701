/**
 * OTLP values built by hand for the translator's tests: a span with defaults for every field
 * a test does not care about, attributes from plain objects, and a request around spans.
 */

import type {
  OtlpAttributes,
  OtlpEvent,
  OtlpSpan,
  OtlpTraceRequest,
  OtlpValue,
} from "../otlp/otlp-model.ts";
import type { TranslateOptions } from "../otlp/translate-contract.ts";

export const TRACE_ID = "5759e988bd862e3fe1be46a994272793";
export const SPAN_ID = "53995c3f42cd8ad8";
export const PARENT_ID = "a1b2c3d4e5f60718";
/** 2023-01-01T00:00:00.123456789Z and one second later. */
export const START_NANOS = 1_672_531_200_123_456_789n;
export const END_NANOS = 1_672_531_201_123_456_789n;

export const NO_INDEXING: TranslateOptions = { indexAllAttributes: false, indexedAttributes: [] };

export function attributes(values: Readonly<Record<string, OtlpValue>> = {}): OtlpAttributes {
  return new Map(Object.entries(values));
}

export interface SpanOverrides extends Partial<Omit<OtlpSpan, "attributes" | "events">> {
  readonly attributes?: Readonly<Record<string, OtlpValue>>;
  readonly events?: readonly OtlpEvent[];
}

export function otlpSpan(overrides: SpanOverrides = {}): OtlpSpan {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    parentSpanId: "",
    traceState: "",
    name: "GET /",
    kind: "server",
    startTimeUnixNano: START_NANOS,
    endTimeUnixNano: END_NANOS,
    events: [],
    links: [],
    status: { code: "unset", message: "" },
    ...overrides,
    attributes: attributes(overrides.attributes),
  };
}

export function exceptionEvent(values: Readonly<Record<string, OtlpValue>>): OtlpEvent {
  return { timeUnixNano: START_NANOS, name: "exception", attributes: attributes(values) };
}

export function traceRequest(
  spans: readonly OtlpSpan[],
  resource: Readonly<Record<string, OtlpValue>> = {},
): OtlpTraceRequest {
  return {
    resourceSpans: [
      {
        resource: attributes(resource),
        scopeSpans: [{ scope: { name: "test-scope", version: "1.0.0" }, spans }],
      },
    ],
  };
}
