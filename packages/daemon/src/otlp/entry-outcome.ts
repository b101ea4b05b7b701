import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import type { OtlpRequestOutcome } from "./otlp-intake.ts";

/**
 * One OTLP payload's result as a single document outcome, for callers that handle one
 * document at a time (PutTraceSegments, `Daemon.ingestDatagram`): refused whole, or the first
 * span refused, or else the first document's outcome.
 */
export function entryOutcome(outcome: OtlpRequestOutcome): DocumentOutcome {
  if (!outcome.ok) return { status: "rejected", reason: outcome.reason, message: outcome.message };
  const refused = outcome.documents.find((document) => document.status === "rejected");
  if (refused !== undefined) return refused;
  if (outcome.rejectedSpans > 0) {
    return { status: "rejected", reason: "otlp-untranslatable", message: outcome.errorMessage };
  }
  const first = outcome.documents[0];
  if (first !== undefined) return first;
  return {
    status: "rejected",
    reason: "otlp-untranslatable",
    message:
      outcome.spans === 0
        ? "the OTLP request holds no spans"
        : `${outcome.spans} unsampled spans counted, not stored (the daemon keeps T1S spans; start it with --keep-unsampled to keep T1U spans too)`,
  };
}
