/**
 * `checkDocumentObject` reaches the verdict `scanDocumentText` reaches on the same document's
 * JSON text: the same index, or the same reason and message.
 */

import { describe, expect, it } from "vitest";
import { checkDocumentObject } from "./check-document-object.ts";
import { translateTraceRequest } from "./otlp/translate-spans.ts";
import { scanDocumentText } from "./scan-document.ts";
import {
  exceptionEvent,
  NO_INDEXING,
  otlpSpan,
  PARENT_ID,
  traceRequest,
} from "./test-support/otlp-spans.ts";

const BASE = {
  name: "svc",
  id: "70de5b6f19ff9a0a",
  trace_id: "1-581cf771-a006649127e371903a2de979",
  start_time: 1478293361.271,
  end_time: 1478293361.449,
};

function expectSameVerdict(document: Record<string, unknown>, maxBytes?: number): void {
  const text = JSON.stringify(document);
  const options = maxBytes === undefined ? {} : { maxBytes };
  expect(checkDocumentObject(document, text, options)).toEqual(scanDocumentText(text, options));
}

describe("checkDocumentObject", () => {
  it.each<[string, Record<string, unknown>]>([
    ["a complete segment", BASE],
    ["an in-progress segment", { ...BASE, end_time: undefined, in_progress: true }],
    ["an independent subsegment", { ...BASE, type: "subsegment", parent_id: "a1b2c3d4e5f60718" }],
    ["a subsegment without its parent", { ...BASE, type: "subsegment" }],
    ["no name, a bad id", { ...BASE, name: "", id: "xyz" }],
    ["neither end_time nor in_progress", { ...BASE, end_time: undefined }],
    ["a cause that is an exception id", { ...BASE, cause: "0123456789abcdef" }],
    ["a cause that is an array", { ...BASE, cause: [1] }],
    ["a cause object", { ...BASE, cause: { exceptions: [{ id: "0123456789abcdef" }] } }],
    [
      "an embedded subsegment with a bad cause",
      { ...BASE, subsegments: [{ name: "q", id: "0123456789abcdef", cause: 5 }] },
    ],
  ])("%s", (_, document) => {
    expectSameVerdict(document);
  });

  it("refuses a document over the size limit as the scan does", () => {
    expectSameVerdict({ ...BASE, metadata: { default: { blob: "x".repeat(70_000) } } });
    expectSameVerdict({ ...BASE, metadata: { default: { blob: "é".repeat(600) } } }, 1024);
  });

  it("agrees with the scan on every document the translator makes", () => {
    let deep: unknown = "leaf";
    for (let level = 0; level < 40; level++) deep = [deep];
    const request = traceRequest(
      [
        otlpSpan({
          attributes: { "http.request.method": "GET", "http.response.status_code": 500 },
        }),
        otlpSpan({
          spanId: "0f0e0d0c0b0a0908",
          parentSpanId: PARENT_ID,
          kind: "client",
          status: { code: "error", message: "locked" },
          attributes: { "db.system": "sqlite", deep: deep as never },
          events: [exceptionEvent({ "exception.type": "Error", "exception.message": "locked" })],
        }),
        otlpSpan({ spanId: "1111111111111111", endTimeUnixNano: 0n }),
      ],
      { "service.name": "svc" },
    );
    const { documents } = translateTraceRequest(request, "otlp-grpc", true, {
      ...NO_INDEXING,
      indexAllAttributes: true,
    });
    expect(documents.length).toBe(3);
    for (const { document } of documents) {
      expectSameVerdict(document as unknown as Record<string, unknown>);
    }
  });
});
