import { type EpochMillis, parseDatagram, type TraceStore } from "@xray-sandbox/segments";
import type { ImportTarget } from "./import-entries.ts";

export interface HandlerImportTargetDeps {
  /** The daemon's datagram path: parsed, counted, stored (and logged) or rejected, as for UDP. */
  readonly handle: (bytes: Uint8Array, receivedAt: EpochMillis | undefined) => void;
  /** Datagrams accepted so far. */
  readonly acceptedCount: () => number;
  readonly store: Pick<TraceStore, "storedDocuments">;
}

/** The sender imported documents are counted under. */
export const IMPORT_SENDER = { address: "import", port: 0 } as const;

const HEADER = '{"format":"json","version":1}\n';
const encoder = new TextEncoder();

/** Imports go down the UDP path, so they are counted, stored, logged and shown live alike. */
export function handlerImportTarget({
  handle,
  acceptedCount,
  store,
}: HandlerImportTargetDeps): ImportTarget {
  return {
    store,
    ingest(raw, receivedAt) {
      const bytes = encoder.encode(HEADER + raw);
      const before = acceptedCount();
      handle(bytes, receivedAt);
      if (acceptedCount() > before) return { ok: true };
      const parsed = parseDatagram(bytes, { warnings: false });
      return {
        ok: false,
        message: parsed.ok
          ? "the daemon failed to store it (internal-error; its log has the details)"
          : `${parsed.rejection.message} (${parsed.rejection.reason})`,
      };
    },
  };
}
