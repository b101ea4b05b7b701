/**
 * Which spans of one OTLP request were rejected, and why: the spans the translator could not
 * take (refused into the rejection log) and the documents the ingest service refused. What the
 * request's answer reports as its partial success.
 */

import {
  type DocumentOrigin,
  type EpochMillis,
  epochMillis,
  keepShapeOf,
  sourceSpanOf,
  type UntranslatedSpan,
} from "@xray-sandbox/segments";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import type { IngestService } from "../ingest/ingest-service.ts";
import type { OtlpSource } from "../ingest/ingest-source.ts";

const encoder = new TextEncoder();

export class SpanVerdicts {
  /** Why spans were rejected, in the order they came. */
  readonly reasons: string[] = [];
  readonly #rejectedSpanIds = new Set<string>();
  readonly #ingest: Pick<IngestService, "refused">;
  readonly #source: OtlpSource;
  readonly #receivedAt: EpochMillis;

  constructor(ingest: Pick<IngestService, "refused">, source: OtlpSource, receivedAt: EpochMillis) {
    this.#ingest = ingest;
    this.#source = source;
    this.#receivedAt = receivedAt;
  }

  /** Spans the translator could not take: each refused into the rejection log. */
  untranslatable(spans: readonly UntranslatedSpan[]): void {
    for (const span of spans) {
      const message = `span ${span.spanId || "(no id)"} of trace ${span.traceId || "(no id)"}: ${span.message}`;
      this.#ingest.refused(
        encoder.encode(JSON.stringify(span)),
        "otlp-untranslatable",
        message,
        this.#source,
        this.#receivedAt,
      );
      this.#rejected(span.traceId, span.spanId, message);
    }
  }

  /** What became of one of the request's documents. */
  document(outcome: DocumentOutcome, origin: DocumentOrigin | undefined): void {
    if (outcome.status !== "rejected") return;
    const span = sourceSpanOf(origin) ?? { traceId: "", spanId: "" };
    this.#rejected(span.traceId, span.spanId, `span ${span.spanId}: ${outcome.message}`);
  }

  /** Spans with at least one rejection (a span's two documents count it once). */
  get rejectedSpans(): number {
    return this.#rejectedSpanIds.size;
  }

  #rejected(traceId: string, spanId: string, reason: string): void {
    this.#rejectedSpanIds.add(`${traceId}/${spanId}`);
    this.reasons.push(reason);
  }
}

// One a request: kept, so that its hidden class outlives full collections (`keepShapeOf`).
keepShapeOf(
  new SpanVerdicts(
    { refused: () => ({ status: "rejected", reason: "internal-error", message: "" }) },
    { kind: "otlp", transport: "otlp-http-protobuf", sampled: true, peer: undefined },
    epochMillis(Date.now()),
  ),
);
