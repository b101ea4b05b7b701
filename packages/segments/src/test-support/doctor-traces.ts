/**
 * Traces for the trace doctor's tests: documents built as an SDK's documentation describes
 * them, the real SDKs' captured datagrams, and spans through the real OTLP translation.
 */

import { type FixtureRun, loadFixtureRun } from "@xray-sandbox/fixtures";
import { assembleTrace } from "../assemble-trace.ts";
import { type Diagnosis, diagnoseTrace } from "../doctor/diagnose-trace.ts";
import type { DoctorOptions } from "../doctor/doctor-options.ts";
import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "../document.ts";
import { documentIndex } from "../document-index.ts";
import { type DocumentOrigin, XRAY_UDP_ORIGIN } from "../document-origin.ts";
import type { OtlpSpan } from "../otlp/otlp-model.ts";
import { translateTraceRequest } from "../otlp/translate-spans.ts";
import { parseDatagram } from "../parse-datagram.ts";
import type { AssembledTrace, StoredDocument } from "../trace.ts";
import { epochMillis, epochSeconds, type SegmentId, type TraceId } from "../units.ts";
import { NO_INDEXING, traceRequest } from "./otlp-spans.ts";

/** 2026-12-01T00:00:00Z, and a trace id that starts then. */
export const T0 = 1_795_996_800;
export const DOCTOR_TRACE = `1-${T0.toString(16)}-0123456789abcdef01234567` as TraceId;
export const NODE_SDK = {
  xray: { sdk: "X-Ray for Node.js", sdk_version: "3.12.0", package: "aws-xray-sdk-core" },
};

export const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;

/** A complete Node-SDK-like segment of `DOCTOR_TRACE`, one second long from `T0`. */
export function segment(id: string, extra: Partial<SegmentDocument> = {}): SegmentDocument {
  return {
    trace_id: DOCTOR_TRACE,
    id: sid(id),
    name: `svc-${id}`,
    start_time: epochSeconds(T0),
    end_time: epochSeconds(T0 + 1),
    aws: NODE_SDK,
    ...extra,
  };
}

export function subsegment(
  id: string,
  extra: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return {
    id: sid(id),
    name: `sub-${id}`,
    start_time: epochSeconds(T0 + 0.1),
    end_time: epochSeconds(T0 + 0.2),
    ...extra,
  };
}

export function streamed(
  id: string,
  parent: string,
  extra: Partial<SubsegmentDocument> = {},
): IndependentSubsegmentDocument {
  return {
    ...subsegment(id, extra),
    type: "subsegment",
    trace_id: DOCTOR_TRACE,
    parent_id: sid(parent),
  };
}

export interface StoredOptions {
  readonly origin?: DocumentOrigin;
  readonly receivedAt?: number;
  readonly bytes?: number;
}

export function stored(document: TopLevelDocument, options: StoredOptions = {}): StoredDocument {
  const raw = JSON.stringify(document);
  return {
    document,
    index: documentIndex(document),
    raw,
    bytes: options.bytes ?? new TextEncoder().encode(raw).length,
    receivedAt: epochMillis(options.receivedAt ?? T0 * 1000 + 1_000),
    origin: options.origin ?? XRAY_UDP_ORIGIN,
  };
}

export function traceOf(
  documents: readonly (TopLevelDocument | StoredDocument)[],
  id: TraceId = DOCTOR_TRACE,
): AssembledTrace {
  return assembleTrace(
    id,
    documents.map((document) =>
      "raw" in document ? (document as StoredDocument) : stored(document),
    ),
  );
}

/** The codes a diagnosis found, in its order. */
export function codesOf(diagnosis: Diagnosis): string[] {
  return diagnosis.problems.map((problem) => problem.code);
}

export function diagnose(
  documents: readonly (TopLevelDocument | StoredDocument)[],
  options?: DoctorOptions,
): Diagnosis {
  return diagnoseTrace(traceOf(documents), options);
}

/** Each trace of a captured run, assembled, keyed by its root's request path (or name). */
export function fixtureTraces(run: FixtureRun): Map<string, AssembledTrace> {
  const byTrace = new Map<TraceId, StoredDocument[]>();
  for (const [index, datagram] of loadFixtureRun(run).entries()) {
    const result = parseDatagram(datagram.bytes);
    if (!result.ok) continue;
    const traceId = result.document.trace_id;
    const document: StoredDocument = {
      document: result.document,
      index: documentIndex(result.document),
      raw: result.raw,
      bytes: new TextEncoder().encode(result.raw).length,
      receivedAt: epochMillis(1_000 + index),
      origin: XRAY_UDP_ORIGIN,
    };
    byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), document]);
  }
  const traces = new Map<string, AssembledTrace>();
  for (const [traceId, documents] of byTrace) {
    const trace = assembleTrace(traceId, documents);
    const root = trace.segments[0]?.document ?? trace.orphans[0]?.document;
    const url = root?.http?.request?.url;
    const key = url === undefined ? String(root?.name) : new URL(url).pathname;
    traces.set(traces.has(key) ? `${key} (${traces.size})` : key, trace);
  }
  return traces;
}

/** Spans translated the way the daemon translates OTLP/HTTP, assembled into their trace. */
export function spanTrace(
  spans: readonly OtlpSpan[],
  resource: Readonly<Record<string, string>> = { "service.name": "otel-svc" },
  receivedAt = T0 * 1000 + 1_000,
): AssembledTrace {
  const result = translateTraceRequest(
    traceRequest(spans, resource),
    "otlp-http-json",
    true,
    NO_INDEXING,
  );
  const documents = result.documents.map((translated) =>
    stored(translated.document, { origin: translated.origin, receivedAt }),
  );
  const id = documents[0]?.document.trace_id;
  if (id === undefined) throw new Error("no span became a document");
  return assembleTrace(id, documents);
}
