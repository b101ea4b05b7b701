import type { AssembledTrace, CompiledFilter, StoredDocument } from "@xray-sandbox/segments";
import { matchingSummary } from "../trace-filter.ts";
import type { XRayApiDeps } from "./xray-operation.ts";

/**
 * Hands `visit` each stored trace a graph call wants, newest first, assembling one trace at a
 * time: `wanted` decides from the trace's stored documents (index fields, nothing parsed) and
 * skips, for one, every trace outside the call's window cheaply; the group's filter, when
 * given, is matched next. The whole walk runs in `filterScans` slices over the trace ids taken
 * at the start, the event loop running between slices; a trace evicted meanwhile is skipped,
 * one changed meanwhile is read as it is at its turn. Once `signal` is aborted (the client
 * went away), the walk stops where it is: what was visited is not the whole answer.
 */
export async function forEachGraphTrace(
  { store, groups, filterScans }: XRayApiDeps,
  filter: CompiledFilter | undefined,
  wanted: (documents: readonly StoredDocument[]) => boolean,
  visit: (trace: AssembledTrace) => void,
  signal?: AbortSignal,
): Promise<void> {
  await filterScans.forEach(
    store.traceIds(),
    (id) => {
      const documents = store.storedDocuments(id);
      if (documents === undefined || !wanted(documents)) return;
      if (
        filter !== undefined &&
        matchingSummary(store, id, filter, groups.resolve) === undefined
      ) {
        return;
      }
      const trace = store.getTrace(id);
      if (trace !== undefined) visit(trace);
    },
    abandoned(signal),
  );
}

function abandoned(signal: AbortSignal | undefined): (() => boolean) | undefined {
  return signal === undefined ? undefined : () => signal.aborted;
}
