/**
 * The committed ADOT captures (`packages/fixtures/datagrams/adot-otlp-udp`), rebuilt by hand
 * as `OtlpTraceRequest` values (the model cannot decode protobuf), checked against the
 * captured bytes, then translated: every document must pass the sandbox's parser without
 * warnings and assemble into the trace the capture recorded.
 */

import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { assembleTrace } from "../assemble-trace.ts";
import { documentIndex } from "../document-index.ts";
import { parseDocumentText } from "../parse-document.ts";
import { attributes, NO_INDEXING } from "../test-support/otlp-spans.ts";
import type { StoredDocument } from "../trace.ts";
import { epochMillis, type TraceId } from "../units.ts";
import type { OtlpSpan, OtlpTraceRequest, OtlpValue } from "./otlp-model.ts";
import { translateTraceRequest } from "./translate-spans.ts";

const RESOURCE: Readonly<Record<string, OtlpValue>> = {
  "telemetry.auto.version": "0.13.0-aws",
  "service.name": "unknown_service:node",
  "telemetry.sdk.language": "nodejs",
  "telemetry.sdk.name": "opentelemetry",
  "telemetry.sdk.version": "2.8.0",
};

function span(
  fields: Pick<
    OtlpSpan,
    "traceId" | "spanId" | "parentSpanId" | "name" | "startTimeUnixNano" | "endTimeUnixNano"
  >,
  values: Readonly<Record<string, OtlpValue>>,
): OtlpSpan {
  return {
    ...fields,
    traceState: "",
    kind: "internal",
    attributes: attributes(values),
    events: [],
    links: [],
    status: { code: "unset", message: "" },
  };
}

function request(one: OtlpSpan): OtlpTraceRequest {
  return {
    resourceSpans: [
      {
        resource: attributes(RESOURCE),
        scopeSpans: [{ scope: { name: "probe", version: "" }, spans: [one] }],
      },
    ],
  };
}

const SAMPLED_TRACE = "6b150ac77a81adb5db4477c6a9353e11";
const UNSAMPLED_TRACE = "6b150accfba4088a799aeec3b6ab8a69";
const APPLICATION_SIGNALS = {
  "aws.local.operation": "fixtures-capture/FunctionHandler",
  "aws.trace.flag.sampled": false,
};

/** One row per datagram, in the order they were captured. */
const CAPTURED: readonly {
  readonly file: string;
  readonly sampled: boolean;
  readonly span: OtlpSpan;
}[] = [
  {
    file: "001.dgram",
    sampled: true,
    span: span(
      {
        traceId: SAMPLED_TRACE,
        spanId: "6fb9fa3b03427b8b",
        parentSpanId: "e2a4686142bbae80",
        name: "UserData",
        startTimeUnixNano: 1_796_541_127_306_000_000n,
        endTimeUnixNano: 1_796_541_127_306_108_898n,
      },
      { userId: "u-42" },
    ),
  },
  {
    file: "002.dgram",
    sampled: true,
    span: span(
      {
        traceId: SAMPLED_TRACE,
        spanId: "e2a4686142bbae80",
        parentSpanId: "",
        name: "GET /user",
        startTimeUnixNano: 1_796_541_127_305_000_000n,
        endTimeUnixNano: 1_796_541_127_322_518_883n,
      },
      { "http.method": "GET", "http.status_code": 200 },
    ),
  },
  {
    file: "003.dgram",
    sampled: false,
    span: span(
      {
        traceId: UNSAMPLED_TRACE,
        spanId: "48a9770f82fee8f9",
        parentSpanId: "5d65df6ee3dbc5c6",
        name: "UserData",
        startTimeUnixNano: 1_796_541_132_963_000_000n,
        endTimeUnixNano: 1_796_541_132_963_319_991n,
      },
      { userId: "u-42", "aws.is.local.root": false, ...APPLICATION_SIGNALS },
    ),
  },
  {
    file: "004.dgram",
    sampled: false,
    span: span(
      {
        traceId: UNSAMPLED_TRACE,
        spanId: "5d65df6ee3dbc5c6",
        parentSpanId: "",
        name: "GET /user",
        startTimeUnixNano: 1_796_541_132_954_000_000n,
        endTimeUnixNano: 1_796_541_132_992_617_501n,
      },
      {
        "http.method": "GET",
        "aws.is.local.root": true,
        ...APPLICATION_SIGNALS,
        "http.status_code": 200,
        "aws.local.service": "UnknownService",
        "aws.span.kind": "LOCAL_ROOT",
      },
    ),
  },
];

const datagrams = new Map(
  loadFixtureRun("adot-otlp-udp").map((datagram) => [datagram.file, datagram.bytes]),
);

/** The protobuf body of a capture: after the header line and the `T1S`/`T1U` prefix. */
function capturedBody(file: string): { prefix: string; body: Buffer } {
  const bytes = datagrams.get(file);
  if (bytes === undefined) throw new Error(`no capture ${file}`);
  const text = Buffer.from(bytes).toString("latin1");
  const payload = text.slice(text.indexOf("\n") + 1);
  return { prefix: payload.slice(0, 3), body: Buffer.from(payload.slice(3), "base64") };
}

describe("the committed ADOT captures, translated", () => {
  it.each(CAPTURED)(
    "$file: the hand-built span matches the captured bytes",
    ({ file, sampled, span: built }) => {
      const { prefix, body } = capturedBody(file);
      expect(prefix).toBe(sampled ? "T1S" : "T1U");
      for (const hex of [built.traceId, built.spanId, built.parentSpanId]) {
        expect(body.includes(Buffer.from(hex, "hex"))).toBe(true);
      }
      const fixed64 = Buffer.alloc(16);
      fixed64.writeBigUInt64LE(built.startTimeUnixNano, 0);
      fixed64.writeBigUInt64LE(built.endTimeUnixNano, 8);
      expect(body.includes(fixed64.subarray(0, 8))).toBe(true);
      expect(body.includes(fixed64.subarray(8))).toBe(true);
      for (const text of [built.name, ...built.attributes.keys(), ...Object.keys(RESOURCE)]) {
        expect(body.includes(Buffer.from(text))).toBe(true);
      }
    },
  );

  it.each([
    [true, SAMPLED_TRACE, "GET /user"],
    [false, UNSAMPLED_TRACE, "UnknownService"],
  ] as const)(
    "sampled=%s: a segment and its subsegment that assemble into one trace",
    (sampled, traceId, rootName) => {
      const rows = CAPTURED.filter((row) => row.sampled === sampled);
      const documents = rows.flatMap(
        (row) =>
          translateTraceRequest(request(row.span), "otlp-udp", row.sampled, NO_INDEXING).documents,
      );
      expect(documents).toHaveLength(2);
      for (const { document, source } of documents) {
        const parsed = parseDocumentText(JSON.stringify(document));
        expect(parsed.ok && parsed.warnings).toEqual([]);
        expect(source).toMatchObject({ transport: "otlp-udp", sampled, traceId, kind: "internal" });
      }
      const [child, root] = documents.map((translated) => translated.document);
      expect(root).toMatchObject({
        name: rootName,
        trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
        http: { request: { method: "GET" }, response: { status: 200 } },
        aws: {
          xray: {
            sdk: "opentelemetry for nodejs",
            sdk_version: "2.8.0",
            auto_instrumentation: true,
          },
        },
      });
      expect(root?.type).toBeUndefined();
      expect(child).toMatchObject({ name: "UserData", type: "subsegment", parent_id: root?.id });
      expect(child?.metadata?.default).toMatchObject({ userId: "u-42" });
      const stored: StoredDocument[] = documents.map(({ document, source }) => {
        const raw = JSON.stringify(document);
        return {
          document,
          index: documentIndex(document),
          raw,
          bytes: raw.length,
          receivedAt: epochMillis(0),
          origin: { kind: "otlp", transport: source.transport, span: source },
        };
      });
      const trace = assembleTrace(
        `1-${traceId.slice(0, 8)}-${traceId.slice(8)}` as TraceId,
        stored,
      );
      expect(trace.orphans).toEqual([]);
      expect(trace.segments.map((node) => node.document.name)).toEqual([rootName]);
      expect(trace.segments[0]?.children.map((node) => node.document.name)).toEqual(["UserData"]);
    },
  );
});
