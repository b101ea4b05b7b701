import {
  type CompiledFilter,
  formatRecord,
  type GroupResolver,
  type StoredDocument,
  type TraceId,
  type TraceStore,
} from "@xray-sandbox/segments";
import { FilterScans } from "../filter-scans.ts";
import { matchingSummary } from "../trace-filter.ts";

export type ExportStore = Pick<TraceStore, "getTrace" | "getSummary" | "peekSummary">;

export interface ExportSelection {
  /** Oldest first. */
  readonly traceIds: readonly TraceId[];
  readonly filter?: CompiledFilter | undefined;
  readonly groups?: GroupResolver | undefined;
}

/** Text gathered before it goes out as one chunk. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The selected traces' documents as NDJSON segment records: traces oldest first, each
 * trace's documents in the order they were received. Lines are produced as the reader
 * pulls, a chunk at a time, so a big store is never held as one text. A chunk ends early
 * when its slice of `scans` is spent, and a filter that skips many traces yields to the event
 * loop between slices, so no pull holds it longer than a slice. A trace evicted before its
 * turn is left out.
 */
export function exportStream(
  store: ExportStore,
  { traceIds, filter, groups }: ExportSelection,
  scans: FilterScans = new FilterScans(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      const slice = scans.slice();
      while (chunk.length < CHUNK_CHARS && next < traceIds.length) {
        if (slice.due()) {
          if (chunk !== "") break;
          // Nothing to send yet (the filter skipped every trace so far): let others run.
          await slice.pause();
        }
        const id = traceIds[next++];
        if (id === undefined) continue;
        for (const document of selectedDocuments(store, id, filter, groups)) {
          const { receivedAt, raw, origin } = document;
          chunk += `${formatRecord({ receivedAt, traceId: id, raw, origin })}\n`;
        }
      }
      slice.end();
      if (chunk !== "") controller.enqueue(encoder.encode(chunk));
      if (next >= traceIds.length) controller.close();
    },
  });
}

function selectedDocuments(
  store: ExportStore,
  id: TraceId,
  filter: CompiledFilter | undefined,
  groups: GroupResolver | undefined,
): readonly StoredDocument[] {
  if (!matchingSummary(store, id, filter, groups)) return [];
  const trace = store.getTrace(id);
  if (!trace) return [];
  return [...trace.documents].sort((a, b) => a.receivedAt - b.receivedAt);
}
