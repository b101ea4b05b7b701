import {
  type DocumentBody,
  type DocumentOrigin,
  epochMillis,
  PUT_TRACE_SEGMENTS_ORIGIN,
  type TraceNode,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { segment, sid, streamed, sub, traceBody } from "../trace/test-trace.ts";
import {
  carryingDocument,
  describeTransport,
  originSentence,
  traceOriginFacts,
} from "./document-origins.ts";
import { sourceSpan } from "./test-origins.ts";

function nodesOf(roots: readonly TraceNode[]): Map<string, TraceNode> {
  const nodes = new Map<string, TraceNode>();
  const visit = (node: TraceNode) => {
    nodes.set(node.document.id, node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return nodes;
}

const body = traceBody(
  [
    segment("a", 0, 1, {
      subsegments: [sub("b", 0.1, 0.5, { subsegments: [sub("c", 0.2, 0.3)] })],
    }),
    streamed("d", "a", 0.6, 0.9),
  ],
  1_000,
  [XRAY_UDP_ORIGIN, PUT_TRACE_SEGMENTS_ORIGIN],
);
const nodes = nodesOf(body.segments);
const nodeOf = (id: string): TraceNode => {
  const found = nodes.get(sid(id));
  if (!found) throw new Error(`no node ${id}`);
  return found;
};

describe("carryingDocument", () => {
  it("finds a segment's and a streamed subsegment's own documents", () => {
    expect(carryingDocument(nodeOf("a"), nodes, body.documents)).toMatchObject({
      document: { origin: XRAY_UDP_ORIGIN },
      own: true,
    });
    expect(carryingDocument(nodeOf("d"), nodes, body.documents)).toMatchObject({
      document: { origin: PUT_TRACE_SEGMENTS_ORIGIN },
      own: true,
    });
  });

  it("finds the segment that carried an embedded subsegment, however deep", () => {
    const carrier = carryingDocument(nodeOf("c"), nodes, body.documents);
    expect(carrier?.own).toBe(false);
    expect(carrier?.document.raw).toContain(`"id":"${sid("a")}"`);
  });

  it("takes the latest copy of a document that arrived twice", () => {
    const first: DocumentBody = {
      ...(body.documents[0] as DocumentBody),
      receivedAt: epochMillis(1),
    };
    const documents = [first, ...body.documents];
    expect(carryingDocument(nodeOf("a"), nodes, documents)?.document).toBe(body.documents[0]);
  });

  it("finds nothing when no document is there", () => {
    expect(carryingDocument(nodeOf("c"), nodes, [])).toBeUndefined();
  });
});

describe("traceOriginFacts", () => {
  const withOrigin = (origin: DocumentOrigin | undefined): DocumentBody => ({
    raw: "{}",
    bytes: 2,
    receivedAt: epochMillis(0),
    origin,
  });

  it("says whether any document came from OpenTelemetry, and counts unsampled spans", () => {
    expect(traceOriginFacts([withOrigin(XRAY_UDP_ORIGIN), withOrigin(undefined)])).toEqual({
      otel: false,
      unsampled: 0,
    });
    const udp = (sampled: boolean): DocumentOrigin => ({
      kind: "otlp",
      transport: "otlp-udp",
      span: sourceSpan({ transport: "otlp-udp", sampled }),
    });
    expect(
      traceOriginFacts([withOrigin(udp(true)), withOrigin(udp(false)), withOrigin(udp(false))]),
    ).toEqual({ otel: true, unsampled: 2 });
  });

  it("sees OpenTelemetry through an import, and without a kept span", () => {
    const imported: DocumentOrigin = {
      kind: "import",
      exported: { kind: "otlp", transport: "otlp-grpc" },
    };
    expect(traceOriginFacts([withOrigin(imported)]).otel).toBe(true);
    expect(traceOriginFacts([withOrigin({ kind: "import", exported: undefined })]).otel).toBe(
      false,
    );
  });
});

describe("describing an origin", () => {
  it("names the transport, and which ADOT datagram", () => {
    expect(describeTransport(sourceSpan())).toBe("OTLP/HTTP (JSON)");
    expect(describeTransport(sourceSpan({ transport: "otlp-udp", sampled: false }))).toBe(
      "ADOT UDP (T1U, unsampled)",
    );
    expect(describeTransport(sourceSpan({ transport: "otlp-udp" }))).toBe("ADOT UDP (T1S)");
  });

  it("says in one sentence where a document without a span came from", () => {
    expect(originSentence(XRAY_UDP_ORIGIN)).toMatch(/^Sent by an X-Ray SDK/);
    expect(originSentence(PUT_TRACE_SEGMENTS_ORIGIN)).toMatch(/PutTraceSegments/);
    expect(originSentence({ kind: "import", exported: XRAY_UDP_ORIGIN })).toBe(
      "Read from an imported file; first received as X-Ray SDK.",
    );
    expect(originSentence({ kind: "otlp", transport: "otlp-grpc" })).toMatch(
      /OTLP\/gRPC; the span was not kept/,
    );
    expect(originSentence(undefined)).toMatch(/does not know/);
  });
});
