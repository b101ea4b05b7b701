/**
 * X-Ray documents → OTLP spans, one row per rule of the mapping table in
 * docs/forwarding.md: each row a document and what its spans must carry.
 */

import { describe, expect, it } from "vitest";
import type { TopLevelDocument } from "../document.ts";
import { otlpOriginOf, XRAY_UDP_ORIGIN } from "../document-origin.ts";
import type { OtlpSpan, OtlpValue } from "../otlp/otlp-model.ts";
import type { SourceSpan } from "../otlp/translate-contract.ts";
import { documentSpans } from "./document-spans.ts";
import type { ForwardSpan } from "./forward-model.ts";
import { groupSpans } from "./group-spans.ts";

const TRACE = "1-5759e988-bd862e3fe1be46a994272793";
const W3C = "5759e988bd862e3fe1be46a994272793";
const SEGMENT_ID = "70de5b6f19ff9a0a";
const CHILD_ID = "0ab1c2d3e4f5a6b7";

function segment(fields: Record<string, unknown> = {}): TopLevelDocument {
  return {
    trace_id: TRACE,
    id: SEGMENT_ID,
    name: "orders",
    start_time: 1_700_000_000.25,
    end_time: 1_700_000_000.5,
    ...fields,
  } as TopLevelDocument;
}

function withChild(child: Record<string, unknown>, fields: Record<string, unknown> = {}) {
  return segment({
    subsegments: [
      {
        id: CHILD_ID,
        name: "child",
        start_time: 1_700_000_000.3,
        end_time: 1_700_000_000.4,
        ...child,
      },
    ],
    ...fields,
  });
}

function only(spans: readonly ForwardSpan[], id: string): ForwardSpan {
  const found = spans.find((entry) => entry.span.spanId === id);
  if (found === undefined) throw new Error(`no span ${id}`);
  return found;
}

function attrs(span: OtlpSpan): Record<string, OtlpValue> {
  return Object.fromEntries(span.attributes);
}

interface Row {
  readonly rule: string;
  readonly document: TopLevelDocument;
  readonly check: (spans: readonly ForwardSpan[]) => void;
}

const rows: Row[] = [
  {
    rule: "a segment is a SERVER span named as the segment, with the W3C trace id and no parent",
    document: segment(),
    check: (spans) => {
      const { span } = only(spans, SEGMENT_ID);
      expect(span.kind).toBe("server");
      expect(span.name).toBe("orders");
      expect(span.traceId).toBe(W3C);
      expect(span.parentSpanId).toBe("");
    },
  },
  {
    rule: "start and end time in nanoseconds, to the microsecond",
    document: segment(),
    check: (spans) => {
      const { span } = only(spans, SEGMENT_ID);
      expect(span.startTimeUnixNano).toBe(1_700_000_000_250_000_000n);
      expect(span.endTimeUnixNano).toBe(1_700_000_000_500_000_000n);
    },
  },
  {
    rule: "a downstream segment's parent_id is its parent span id",
    document: segment({ parent_id: "1111222233334444" }),
    check: (spans) => expect(only(spans, SEGMENT_ID).span.parentSpanId).toBe("1111222233334444"),
  },
  {
    rule: "the segment's name is the resource's service.name, shared by its subsegments",
    document: withChild({}),
    check: (spans) => {
      expect(only(spans, SEGMENT_ID).resource.get("service.name")).toBe("orders");
      expect(only(spans, CHILD_ID).resource.get("service.name")).toBe("orders");
    },
  },
  {
    rule: "a subsegment without namespace is INTERNAL, child of the enclosing document",
    document: withChild({}),
    check: (spans) => {
      const { span } = only(spans, CHILD_ID);
      expect(span.kind).toBe("internal");
      expect(span.parentSpanId).toBe(SEGMENT_ID);
      expect(span.traceId).toBe(W3C);
    },
  },
  {
    rule: "namespace remote is a CLIENT span with peer.service",
    document: withChild({ namespace: "remote", name: "api.example.com" }),
    check: (spans) => {
      const { span } = only(spans, CHILD_ID);
      expect(span.kind).toBe("client");
      expect(attrs(span)["peer.service"]).toBe("api.example.com");
    },
  },
  {
    rule: "namespace aws is a CLIENT span with rpc.system aws-api, rpc.service, rpc.method and aws.* call fields",
    document: withChild({
      namespace: "aws",
      name: "DynamoDB",
      aws: {
        operation: "GetItem",
        region: "eu-west-1",
        request_id: "R1",
        table_name: "orders",
        retries: 0,
      },
    }),
    check: (spans) => {
      const { span } = only(spans, CHILD_ID);
      expect(span.kind).toBe("client");
      expect(attrs(span)).toMatchObject({
        "rpc.system": "aws-api",
        "rpc.service": "DynamoDB",
        "rpc.method": "GetItem",
        "aws.operation": "GetItem",
        "aws.region": "eu-west-1",
        "aws.request_id": "R1",
        "aws.table_name": "orders",
        "aws.retries": 0,
      });
    },
  },
  {
    rule: "nested subsegments keep their parent at every depth",
    document: withChild({
      subsegments: [
        {
          id: "9999888877776666",
          name: "inner",
          start_time: 1_700_000_000.31,
          end_time: 1_700_000_000.32,
        },
      ],
    }),
    check: (spans) => expect(only(spans, "9999888877776666").span.parentSpanId).toBe(CHILD_ID),
  },
  {
    rule: "http request and response → stable HTTP semantic conventions",
    document: segment({
      http: {
        request: {
          method: "GET",
          url: "http://localhost/orders/7",
          user_agent: "curl/8",
          client_ip: "10.0.0.1",
          x_forwarded_for: true,
        },
        response: { status: 200, content_length: 42 },
      },
    }),
    check: (spans) =>
      expect(attrs(only(spans, SEGMENT_ID).span)).toMatchObject({
        "http.request.method": "GET",
        "url.full": "http://localhost/orders/7",
        "user_agent.original": "curl/8",
        "client.address": "10.0.0.1",
        "aws.xray.http.x_forwarded_for": true,
        "http.response.status_code": 200,
        "http.response.body.size": 42,
      }),
  },
  {
    rule: "sql → db.system (lower case), db.statement, db.user, db.connection_string, others under aws.xray.sql.",
    document: withChild({
      namespace: "remote",
      sql: {
        database_type: "PostgreSQL",
        sanitized_query: "SELECT 1",
        user: "app",
        url: "db:5432/orders",
        driver_version: "pg 8",
      },
    }),
    check: (spans) =>
      expect(attrs(only(spans, CHILD_ID).span)).toMatchObject({
        "db.system": "postgresql",
        "db.statement": "SELECT 1",
        "db.user": "app",
        "db.connection_string": "db:5432/orders",
        "aws.xray.sql.driver_version": "pg 8",
      }),
  },
  {
    rule: "annotations → attributes of their own key, listed in aws.xray.annotations",
    document: segment({ annotations: { customer: "c-1", count: 3, vip: true } }),
    check: (spans) =>
      expect(attrs(only(spans, SEGMENT_ID).span)).toMatchObject({
        customer: "c-1",
        count: 3,
        vip: true,
        "aws.xray.annotations": ["customer", "count", "vip"],
      }),
  },
  {
    rule: "metadata namespaces → aws.xray.metadata.<namespace> as JSON text",
    document: segment({ metadata: { default: { a: 1 }, debug: { b: [true] } } }),
    check: (spans) =>
      expect(attrs(only(spans, SEGMENT_ID).span)).toMatchObject({
        "aws.xray.metadata.default": '{"a":1}',
        "aws.xray.metadata.debug": '{"b":[true]}',
      }),
  },
  {
    rule: "fault → status ERROR with the first exception's message, and aws.xray.fault",
    document: segment({
      fault: true,
      cause: { exceptions: [{ id: "aaaabbbbccccdddd", message: "boom", type: "Error" }] },
    }),
    check: (spans) => {
      const { span } = only(spans, SEGMENT_ID);
      expect(span.status).toEqual({ code: "error", message: "boom" });
      expect(attrs(span)["aws.xray.fault"]).toBe(true);
    },
  },
  {
    rule: "error (4xx) leaves a SERVER span's status unset, keeps aws.xray.error",
    document: segment({ error: true, http: { response: { status: 404 } } }),
    check: (spans) => {
      const { span } = only(spans, SEGMENT_ID);
      expect(span.status.code).toBe("unset");
      expect(attrs(span)["aws.xray.error"]).toBe(true);
    },
  },
  {
    rule: "error (4xx) on a CLIENT span is status ERROR; throttle is kept as aws.xray.throttle",
    document: withChild({
      namespace: "remote",
      error: true,
      throttle: true,
      http: { response: { status: 429 } },
    }),
    check: (spans) => {
      const { span } = only(spans, CHILD_ID);
      expect(span.status.code).toBe("error");
      expect(attrs(span)["aws.xray.throttle"]).toBe(true);
    },
  },
  {
    rule: "cause exceptions → exception events at the end time, stack as text",
    document: segment({
      fault: true,
      cause: {
        exceptions: [
          {
            id: "aaaabbbbccccdddd",
            type: "TypeError",
            message: "x is undefined",
            stack: [{ path: "app.js", line: 12, label: "handler" }],
            remote: true,
          },
        ],
      },
    }),
    check: (spans) => {
      const { span } = only(spans, SEGMENT_ID);
      expect(span.events).toHaveLength(1);
      const [event] = span.events;
      expect(event?.name).toBe("exception");
      expect(event?.timeUnixNano).toBe(span.endTimeUnixNano);
      expect(Object.fromEntries(event?.attributes ?? [])).toEqual({
        "exception.type": "TypeError",
        "exception.message": "x is undefined",
        "exception.stacktrace": "TypeError: x is undefined\n    at handler (app.js:12)",
        "aws.xray.exception.remote": true,
      });
    },
  },
  {
    rule: "user → enduser.id",
    document: segment({ user: "alice" }),
    check: (spans) => expect(attrs(only(spans, SEGMENT_ID).span)["enduser.id"]).toBe("alice"),
  },
  {
    rule: "origin → cloud.provider and cloud.platform (ECS launch type too)",
    document: segment({ origin: "AWS::ECS::Fargate" }),
    check: (spans) => {
      const { resource } = only(spans, SEGMENT_ID);
      expect(resource.get("cloud.provider")).toBe("aws");
      expect(resource.get("cloud.platform")).toBe("aws_ecs");
      expect(resource.get("aws.ecs.launchtype")).toBe("fargate");
    },
  },
  {
    rule: "an origin without an OpenTelemetry platform stays as aws.xray.origin",
    document: segment({ origin: "AWS::Custom::Thing" }),
    check: (spans) =>
      expect(only(spans, SEGMENT_ID).resource.get("aws.xray.origin")).toBe("AWS::Custom::Thing"),
  },
  {
    rule: "aws.xray SDK → telemetry.sdk.*; ec2 → host.* and cloud.availability_zone; service.version",
    document: segment({
      service: { version: "1.2.3" },
      aws: {
        xray: { sdk: "X-Ray for Node.js", sdk_version: "3.12.0" },
        ec2: { instance_id: "i-0abc", availability_zone: "eu-west-1a" },
      },
    }),
    check: (spans) => {
      const resource = Object.fromEntries(only(spans, SEGMENT_ID).resource);
      expect(resource).toMatchObject({
        "service.version": "1.2.3",
        "telemetry.sdk.name": "X-Ray for Node.js",
        "telemetry.sdk.language": "nodejs",
        "telemetry.sdk.version": "3.12.0",
        "host.id": "i-0abc",
        "cloud.availability_zone": "eu-west-1a",
      });
      expect(attrs(only(spans, SEGMENT_ID).span)).not.toHaveProperty("aws.xray");
    },
  },
  {
    rule: "an in-progress document gives no span (the completed one replaces it)",
    document: segment({ end_time: undefined, in_progress: true }),
    check: (spans) => expect(spans).toEqual([]),
  },
  {
    rule: "an open subsegment inside a completed segment gives no span",
    document: withChild({ end_time: undefined, in_progress: true }),
    check: (spans) => expect(spans.map((entry) => entry.span.spanId)).toEqual([SEGMENT_ID]),
  },
];

describe("documentSpans: X-Ray documents as OTLP spans", () => {
  it.each(rows)("$rule", ({ document, check }) => {
    check(documentSpans(document, XRAY_UDP_ORIGIN));
  });

  it("an independent subsegment takes its service from the caller, else unknown_service", () => {
    const streamed = {
      trace_id: TRACE,
      id: CHILD_ID,
      parent_id: SEGMENT_ID,
      type: "subsegment",
      name: "work",
      start_time: 1,
      end_time: 2,
    } as TopLevelDocument;
    const known = documentSpans(streamed, XRAY_UDP_ORIGIN, { serviceOf: () => "orders" });
    expect(only(known, CHILD_ID).resource.get("service.name")).toBe("orders");
    expect(only(known, CHILD_ID).span.parentSpanId).toBe(SEGMENT_ID);
    const unknown = documentSpans(streamed, XRAY_UDP_ORIGIN);
    expect(only(unknown, CHILD_ID).resource.get("service.name")).toBe("unknown_service");
  });
});

describe("documentSpans: documents that arrived as OTLP", () => {
  const source: SourceSpan = {
    transport: "otlp-http-protobuf",
    sampled: true,
    traceId: W3C,
    spanId: SEGMENT_ID,
    parentSpanId: "",
    name: "GET /orders",
    kind: "server",
    startTimeUnixNano: "1700000000250000001",
    endTimeUnixNano: "1700000000500000001",
    status: { code: "error", message: "boom" },
    attributes: { "http.request.method": "GET", nested: { a: [1, "x"] } },
    resource: { "service.name": "orders-otel" },
    scope: { name: "@opentelemetry/instrumentation-http", version: "0.1" },
    events: [
      {
        timeUnixNano: "1700000000400000000",
        name: "exception",
        attributes: { "exception.message": "boom" },
      },
    ],
    links: [{ traceId: W3C, spanId: CHILD_ID, traceState: "", attributes: {} }],
  };

  it("forwards the original span, resource and scope, to the nanosecond", () => {
    const [forwarded, ...rest] = documentSpans(
      segment(),
      otlpOriginOf("otlp-http-protobuf", () => source, true),
    );
    expect(rest).toEqual([]);
    expect(forwarded?.scope).toEqual(source.scope);
    expect(forwarded?.resource.get("service.name")).toBe("orders-otel");
    const span = forwarded?.span as OtlpSpan;
    expect(span.name).toBe("GET /orders");
    expect(span.kind).toBe("server");
    expect(span.startTimeUnixNano).toBe(1_700_000_000_250_000_001n);
    expect(span.status).toEqual({ code: "error", message: "boom" });
    expect(span.attributes.get("nested")).toEqual({
      kind: "kvlist",
      entries: new Map<string, OtlpValue>([["a", [1, "x"]]]),
    });
    expect(span.events[0]?.attributes.get("exception.message")).toBe("boom");
    expect(span.links[0]?.spanId).toBe(CHILD_ID);
  });

  it("forwards nothing of an unsampled span (ADOT T1U, kept with --keep-unsampled)", () => {
    const unsampled = { ...source, transport: "otlp-udp" as const, sampled: false };
    expect(
      documentSpans(
        segment(),
        otlpOriginOf("otlp-udp", () => unsampled, false),
      ),
    ).toEqual([]);
  });

  it("forwards it once: not again for a document made from the same span with another id", () => {
    const origin = otlpOriginOf("otlp-grpc", () => source, true);
    expect(documentSpans(segment({ id: "1234123412341234" }), origin)).toEqual([]);
  });
});

describe("groupSpans", () => {
  it("puts spans of equal resources and scopes together, in order", () => {
    const spans = [
      ...documentSpans(withChild({}), XRAY_UDP_ORIGIN),
      ...documentSpans(segment({ id: "1234123412341234" }), XRAY_UDP_ORIGIN),
      ...documentSpans(segment({ id: "5678567856785678", name: "billing" }), XRAY_UDP_ORIGIN),
    ];
    const request = groupSpans(spans);
    expect(request.resourceSpans.map((entry) => entry.resource.get("service.name"))).toEqual([
      "orders",
      "billing",
    ]);
    expect(request.resourceSpans[0]?.scopeSpans[0]?.spans.map((span) => span.spanId)).toEqual([
      SEGMENT_ID,
      CHILD_ID,
      "1234123412341234",
    ]);
  });
});
