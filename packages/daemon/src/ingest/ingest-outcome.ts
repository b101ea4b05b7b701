import type { IngestOutcome, SegmentId, TraceId } from "@xray-sandbox/segments";
import type { DatagramRejectionReason } from "../rejection-log.ts";

/**
 * What became of one document handed to the ingest service.
 *
 * - `stored`: the store held no document with its id; it does now.
 * - `replaced`: it took the place of the document with the same id (`previous`: that one
 *   was in progress, or complete with different text).
 * - `duplicate`: nothing changed (`kept`: the store holds the same text already, or the
 *   complete document while this one is in progress).
 * - `rejected`: not stored, for `reason` (the rejection log's reasons), told in `message`.
 */
export type DocumentOutcome =
  | {
      readonly status: "stored";
      readonly traceId: TraceId;
      readonly id: SegmentId;
      /** Traces evicted to make room for it, oldest first. */
      readonly evicted: readonly TraceId[];
    }
  | {
      readonly status: "replaced";
      readonly traceId: TraceId;
      readonly id: SegmentId;
      readonly previous: "in-progress" | "complete";
      readonly evicted: readonly TraceId[];
    }
  | {
      readonly status: "duplicate";
      readonly traceId: TraceId;
      readonly id: SegmentId;
      readonly kept: "identical" | "complete";
    }
  | {
      readonly status: "rejected";
      readonly reason: DatagramRejectionReason;
      readonly message: string;
    };

export type DocumentStatus = DocumentOutcome["status"];

/** The ingest service's outcome for what the store reported. */
export function documentOutcome(id: SegmentId, outcome: IngestOutcome): DocumentOutcome {
  const { traceId, evicted } = outcome;
  switch (outcome.replaced) {
    case "none":
      return { status: "stored", traceId, id, evicted };
    case "in-progress":
      return { status: "replaced", traceId, id, previous: "in-progress", evicted };
    case "duplicate":
      return { status: "replaced", traceId, id, previous: "complete", evicted };
    case "identical":
      return { status: "duplicate", traceId, id, kept: "identical" };
    case "kept-complete":
      return { status: "duplicate", traceId, id, kept: "complete" };
  }
}
