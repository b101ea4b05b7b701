/**
 * The trace doctor on a trace as the HTTP API returns it (`GET /api/traces/:id`): its
 * documents, as received, assembled again. The viewer and the testing library diagnose what
 * they already hold, with the same detectors as `GET /api/traces/:id/problems`.
 */

import type { DocumentBody } from "../api-contract.ts";
import { assembleTrace } from "../assemble-trace.ts";
import type { TopLevelDocument } from "../document.ts";
import { documentIndex } from "../document-index.ts";
import type { StoredDocument } from "../trace.ts";
import type { TraceId } from "../units.ts";
import { type Diagnosis, diagnoseTrace } from "./diagnose-trace.ts";
import type { DoctorOptions } from "./doctor-options.ts";

export interface TraceWithDocuments {
  readonly id: string;
  readonly documents: readonly (DocumentBody | StoredDocument)[];
}

export function diagnoseTraceDocuments(
  trace: TraceWithDocuments,
  options?: DoctorOptions,
): Diagnosis {
  const documents = trace.documents.map((entry): StoredDocument => {
    if ("index" in entry && "document" in entry) return entry;
    const document = JSON.parse(entry.raw) as TopLevelDocument;
    return {
      document,
      index: documentIndex(document),
      raw: entry.raw,
      bytes: entry.bytes,
      receivedAt: entry.receivedAt,
      origin: entry.origin,
    };
  });
  return diagnoseTrace(assembleTrace(trace.id as TraceId, documents), options);
}
