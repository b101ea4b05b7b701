import { epochMillis, parseDatagram, TraceStore } from "@xray-sandbox/segments";
import type { TraceRecord } from "../../src/records.ts";
import { type Document, datagram } from "./segments.ts";

/** The trace these documents make, assembled in memory as the daemon assembles it. */
export function traceRecordOf(...documents: Document[]): TraceRecord {
  const store = new TraceStore({ maxTraces: 1, maxBytes: 1 << 20 });
  for (const [index, document] of documents.entries()) {
    const bytes = datagram(document);
    const parsed = parseDatagram(bytes);
    if (!parsed.ok) throw new Error(`test document refused: ${parsed.rejection.message}`);
    store.ingest(parsed.document, parsed.raw, bytes.length, epochMillis(1_000 + index));
  }
  const [id] = store.traceIds();
  const trace = id && store.getTrace(id);
  const summary = id && store.getSummary(id);
  if (!id || !trace || !summary) throw new Error("no trace assembled");
  return {
    id,
    summary,
    segments: trace.segments,
    orphans: trace.orphans,
    documents: trace.documents,
  };
}
