/**
 * One trace as an outline for comparing two traces side by side: every node in tree order
 * with what differs between an X-Ray SDK trace and an OpenTelemetry one of the same request
 * (segment or subsegment, namespace, timing, status, annotations, metadata namespaces).
 */

import type { TraceDetailBody } from "@xray-sandbox/segments";
import { buildRows, type RowNamespace, type RowStatus } from "../trace/build-rows.ts";

export interface OutlineRow {
  readonly id: string;
  readonly depth: number;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  readonly namespace: RowNamespace | undefined;
  /** Milliseconds; undefined while in progress or when the times are not usable. */
  readonly durationMs: number | undefined;
  readonly status: RowStatus;
  readonly httpStatus: number | undefined;
  /** `key = value`, in the document's order. */
  readonly annotations: readonly string[];
  /** The metadata namespaces, e.g. `default`, `UserData`. */
  readonly metadata: readonly string[];
}

export interface TraceOutline {
  readonly rows: readonly OutlineRow[];
  readonly segments: number;
  readonly subsegments: number;
  readonly annotations: number;
}

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

export function traceOutline(body: TraceDetailBody): TraceOutline {
  const model = buildRows(body, NOTHING_COLLAPSED);
  let segments = 0;
  let annotationCount = 0;
  const rows = model.rows.map((row): OutlineRow => {
    if (row.kind === "segment") segments++;
    const document = row.node.document as {
      readonly annotations?: unknown;
      readonly metadata?: unknown;
    };
    const annotations = entries(document.annotations).map(
      ([key, value]) => `${key} = ${JSON.stringify(value)}`,
    );
    annotationCount += annotations.length;
    return {
      id: row.id,
      depth: row.depth,
      name: row.name,
      kind: row.kind,
      namespace: row.namespace,
      durationMs: row.duration === undefined ? undefined : row.duration * 1000,
      status: row.status,
      httpStatus: row.httpStatus,
      annotations,
      metadata: entries(document.metadata).map(([key]) => key),
    };
  });
  return {
    rows,
    segments,
    subsegments: rows.length - segments,
    annotations: annotationCount,
  };
}

/** Own keys of a plain object, as documents carry them; nothing for anything else. */
function entries(value: unknown): [string, unknown][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value);
}
