import type { TraceStore } from "@xray-sandbox/segments";
import type { Persistence } from "./persistence.ts";

/** The store as the datagram path sees it: whatever it stores is also queued for the log. */
export function persistingIngest(
  store: Pick<TraceStore, "ingest">,
  persistence: Pick<Persistence, "record">,
): Pick<TraceStore, "ingest"> {
  return {
    ingest(document, raw, bytes, receivedAt) {
      const outcome = store.ingest(document, raw, bytes, receivedAt);
      persistence.record(document.trace_id, raw, receivedAt);
      return outcome;
    },
  };
}
