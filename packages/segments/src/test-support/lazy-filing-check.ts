/**
 * For the translator's table tests: files the same request without translating it
 * (`fileTraceRequest`, each span given a place in a stand-in body whose decoder gives the
 * span back, and only the attributes `FILING_ATTRIBUTES` names, as the protobuf decoder's
 * filing mode gives them) and throws unless every document is filed by exactly the fields
 * the translated document has and writes exactly its text.
 */

import type { TopLevelDocument } from "../document.ts";
import { FILING_ATTRIBUTES, type FiledFields, fileTraceRequest } from "../otlp/lazy-translate.ts";
import type { OtlpSpan, OtlpTraceRequest } from "../otlp/otlp-model.ts";
import type { TranslateOptions, TranslateResult } from "../otlp/translate-contract.ts";

/** A span's place in the stand-in body: small enough to be filed lazily. */
const PLACE_BYTES = 64;

export function checkFiledAsTranslated(
  request: OtlpTraceRequest,
  options: TranslateOptions,
  translated: TranslateResult,
): void {
  const spans: OtlpSpan[] = [];
  const placed: OtlpTraceRequest = {
    hexIds: request.hexIds,
    filingAttributesOnly: true,
    resourceSpans: request.resourceSpans.map((resourceSpans) => ({
      ...resourceSpans,
      scopeSpans: resourceSpans.scopeSpans.map((scopeSpans) => ({
        ...scopeSpans,
        spans: scopeSpans.spans.map((span) => {
          const wireStart = spans.length * PLACE_BYTES;
          spans.push(span);
          const attributes = new Map(
            [...span.attributes].filter(([key]) => FILING_ATTRIBUTES.has(key)),
          );
          return { ...span, attributes, wireStart, wireEnd: wireStart + PLACE_BYTES };
        }),
      })),
    })),
    wire: {
      body: new Uint8Array(0),
      decodeSpan: (_body, start) => spans[start / PLACE_BYTES] as OtlpSpan,
    },
  };
  const filed = fileTraceRequest(placed, "otlp-http-protobuf", true, options);
  if (JSON.stringify(filed.rejected) !== JSON.stringify(translated.rejected)) {
    throw new Error("filing rejected other spans than translating");
  }
  if (filed.documents.length !== translated.documents.length) {
    throw new Error(
      `filing gave ${filed.documents.length} documents, translating ${translated.documents.length}`,
    );
  }
  filed.documents.forEach((document, i) => {
    const expected = translated.documents[i]?.document as TopLevelDocument;
    const text = document.lazy ? document.text.write() : JSON.stringify(document.document);
    if (text !== JSON.stringify(expected)) {
      throw new Error(
        `document ${i} filed lazily writes ${text}, translated ${JSON.stringify(expected)}`,
      );
    }
    if (document.lazy) {
      const fields = JSON.stringify(document.fields, FIELD_ORDER);
      const wanted = JSON.stringify(filedFieldsOf(expected), FIELD_ORDER);
      if (fields !== wanted) {
        throw new Error(`document ${i} is filed by ${fields}, its translation has ${wanted}`);
      }
    }
  });
}

const FIELD_ORDER = [
  "id",
  "trace_id",
  "name",
  "start_time",
  "end_time",
  "in_progress",
  "parent_id",
  "type",
];

function filedFieldsOf(document: TopLevelDocument): Partial<FiledFields> {
  const record = document as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (record[key] !== undefined) out[key] = record[key];
  return out as Partial<FiledFields>;
}
