import { parseDatagram } from "@xray-sandbox/segments";

/** What became of one `PutTraceSegments` document. */
export type IntakeOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The rejection reason a datagram would get, e.g. `invalid-document`. */
      readonly reason: string;
      readonly message: string;
    };

export interface SegmentIntake {
  put(document: string): IntakeOutcome;
}

export interface SegmentIntakeDeps {
  /** The daemon's datagram path: parsed, stored or rejected, and counted, as for UDP. */
  readonly ingestDatagram: (bytes: Uint8Array) => void;
  /** Datagrams accepted so far. */
  readonly acceptedCount: () => number;
}

const HEADER = '{"format":"json","version":1}\n';
const encoder = new TextEncoder();

/**
 * Takes API documents down the same path as UDP datagrams (same checks, same store, same
 * counters and rejection log), and tells the caller what happened to each.
 */
export function createSegmentIntake({
  ingestDatagram,
  acceptedCount,
}: SegmentIntakeDeps): SegmentIntake {
  return {
    put(document) {
      const bytes = encoder.encode(HEADER + document);
      const before = acceptedCount();
      ingestDatagram(bytes);
      if (acceptedCount() > before) return { ok: true };
      const parsed = parseDatagram(bytes, { warnings: false });
      return parsed.ok
        ? { ok: false, reason: "internal-error", message: "the daemon failed to store it" }
        : { ok: false, reason: parsed.rejection.reason, message: parsed.rejection.message };
    },
  };
}
