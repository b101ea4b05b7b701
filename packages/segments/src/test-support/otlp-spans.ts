/**
 * OTLP values built by hand for the translator's tests: a span with defaults for every field
 * a test does not care about, attributes from plain objects, and a request around spans.
 */

import type { TopLevelDocument } from "../document.ts";
import type {
  OtlpAttributes,
  OtlpEvent,
  OtlpSpan,
  OtlpTraceRequest,
  OtlpValue,
} from "../otlp/otlp-model.ts";
import type { TranslateOptions } from "../otlp/translate-contract.ts";
import { translateTraceRequest } from "../otlp/translate-spans.ts";
import { parseDocumentText } from "../parse-document.ts";
import { checkFiledAsTranslated } from "./lazy-filing-check.ts";

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

/** The resource of the collector's `constructDefaultResource` (segment_test.go). */
export const DEFAULT_RESOURCE: Readonly<Record<string, OtlpValue>> = {
  "service.name": "signup_aggregator",
  "service.version": "semver:1.1.4",
  "container.name": "signup_aggregator",
  "container.image.name": "otel/signupaggregator",
  "container.image.tag": "v1",
  "k8s.cluster.name": "production",
  "k8s.namespace.name": "default",
  "k8s.deployment.name": "signup_aggregator",
  "k8s.pod.name": "signup_aggregator-x82ufje83",
  "cloud.provider": "aws",
  "cloud.account.id": "123456789",
  "cloud.region": "us-east-1",
  "cloud.availability_zone": "us-east-1c",
  "string.key": "string",
  "int.key": 10,
  "double.key": 5.5,
  "bool.key": true,
  "map.key": {
    kind: "kvlist",
    entries: new Map<string, OtlpValue>([
      ["key1", 1],
      ["key2", "value"],
    ]),
  },
  "array.key": ["foo", "bar"],
};

/**
 * Translates one span and returns its documents, checking each passes the sandbox's parser
 * and that filing the span without translating it gives the same documents.
 */
export function translateOne(
  span: OtlpSpan,
  resource: Readonly<Record<string, OtlpValue>> = {},
  options: TranslateOptions = NO_INDEXING,
): TopLevelDocument[] {
  const request = traceRequest([span], resource);
  const result = translateTraceRequest(request, "otlp-http-protobuf", true, options);
  checkFiledAsTranslated(request, options, result);
  if (result.rejected.length > 0) throw new Error(result.rejected[0]?.message);
  for (const { document } of result.documents) {
    const parsed = parseDocumentText(JSON.stringify(document));
    if (!parsed.ok) throw new Error(parsed.rejection.message);
  }
  return result.documents.map((translated) => translated.document);
}

/** The one document a span becomes. */
export function translateSingle(
  span: OtlpSpan,
  resource: Readonly<Record<string, OtlpValue>> = {},
  options: TranslateOptions = NO_INDEXING,
): TopLevelDocument {
  const documents = translateOne(span, resource, options);
  const [document] = documents;
  if (documents.length !== 1 || document === undefined) {
    throw new Error(`expected one document, got ${documents.length}`);
  }
  return document;
}
