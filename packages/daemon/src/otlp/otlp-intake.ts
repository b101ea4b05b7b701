/**
 * OpenTelemetry spans into the store: every OTLP path (HTTP, gRPC, `T1S`/`T1U` datagrams,
 * PutTraceSegments entries) hands its payload here; the spans become X-Ray documents by the
 * translator's rules and go through the one ingest service like any other document.
 */

import {
  type EpochMillis,
  epochMillis,
  fileTraceRequest,
  keepShapeOf,
  type OtlpTransport,
  type TranslateOptions,
} from "@xray-sandbox/segments";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import { type IngestService, KEPT_INGEST_SERVICE } from "../ingest/ingest-service.ts";
import type { OtlpSource } from "../ingest/ingest-source.ts";
import type { DatagramRejectionReason } from "../rejection-log.ts";
import { decodeJsonRequest } from "./decode-json.ts";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import type { DecodeResult } from "./decode-result.ts";
import { OtlpCounters } from "./otlp-stats.ts";
import { SpanVerdicts } from "./span-verdicts.ts";
import { otlpPayload } from "./udp-payload.ts";

export interface OtlpIntakeOptions {
  readonly ingest: Pick<IngestService, "translated" | "filed" | "refused" | "acknowledged">;
  readonly translate: TranslateOptions;
  /** Store `T1U` (unsampled) spans too; counted only otherwise. */
  readonly keepUnsampled: boolean;
}

/** What became of one OTLP request, for the protocol's answer. */
export type OtlpRequestOutcome =
  | {
      readonly ok: true;
      readonly spans: number;
      readonly rejectedSpans: number;
      /** Why spans were rejected (the first few reasons), or "" when none were. */
      readonly errorMessage: string;
      /** Each document's outcome, in the order the spans came. */
      readonly documents: readonly DocumentOutcome[];
    }
  | { readonly ok: false; readonly reason: DatagramRejectionReason; readonly message: string };

/** Reasons quoted in a partial-success message; the rest are counted. */
const MAX_REASONS_QUOTED = 3;
const encoder = new TextEncoder();

export class OtlpIntake {
  readonly #ingest: OtlpIntakeOptions["ingest"];
  readonly #translate: TranslateOptions;
  readonly #keepUnsampled: boolean;
  readonly counters = new OtlpCounters();

  constructor({ ingest, translate, keepUnsampled }: OtlpIntakeOptions) {
    this.#ingest = ingest;
    this.#translate = translate;
    this.#keepUnsampled = keepUnsampled;
  }

  get keepUnsampled(): boolean {
    return this.#keepUnsampled;
  }

  /** An OTLP/HTTP or OTLP/gRPC body (already decompressed). */
  body(
    bytes: Uint8Array,
    encoding: "protobuf" | "json",
    transport: OtlpTransport,
    peer: string | undefined,
    receivedAt: EpochMillis = epochMillis(Date.now()),
  ): OtlpRequestOutcome {
    const decoded =
      encoding === "protobuf"
        ? decodeProtobufRequest(bytes, { forFiling: true })
        : decodeJsonRequest(new TextDecoder().decode(bytes));
    return this.#take(
      decoded,
      encoding === "protobuf" ? "otlp-bad-protobuf" : "otlp-bad-json",
      bytes,
      {
        kind: "otlp",
        transport,
        sampled: true,
        peer,
      },
      receivedAt,
    );
  }

  /**
   * A `T1S`/`T1U` payload: a whole datagram (header line, `\n`, prefix, base64) from UDP, or
   * a PutTraceSegments entry (prefix and base64 only).
   */
  payload(
    bytes: Uint8Array,
    transport: "otlp-udp" | "put-trace-segments",
    peer: string | undefined,
    receivedAt: EpochMillis = epochMillis(Date.now()),
  ): OtlpRequestOutcome {
    const payload = otlpPayload(bytes);
    const source: OtlpSource = {
      kind: "otlp",
      transport,
      sampled: payload.ok ? payload.sampled : true,
      peer,
    };
    if (!payload.ok) {
      return this.#refuse(bytes, "otlp-bad-base64", payload.message, source, receivedAt);
    }
    return this.#take(
      decodeProtobufRequest(payload.protobuf, { forFiling: true, owned: payload.owned }),
      "otlp-bad-protobuf",
      bytes,
      source,
      receivedAt,
    );
  }

  /** A PutTraceSegments entry that starts with `T1S` or `T1U`. */
  entry(text: string): OtlpRequestOutcome {
    return this.payload(encoder.encode(text), "put-trace-segments", undefined);
  }

  #take(
    decoded: DecodeResult,
    refusal: DatagramRejectionReason,
    bytes: Uint8Array,
    source: OtlpSource,
    receivedAt: EpochMillis,
  ): OtlpRequestOutcome {
    if (!decoded.ok) return this.#refuse(bytes, refusal, decoded.message, source, receivedAt);
    const stats = this.counters.request(source.transport);
    stats.spans += decoded.spans;
    if (!source.sampled && !this.#keepUnsampled) {
      this.counters.unsampled(decoded.spans);
      this.#ingest.acknowledged(bytes);
      return { ok: true, spans: decoded.spans, rejectedSpans: 0, errorMessage: "", documents: [] };
    }
    if (!source.sampled) this.counters.unsampled(decoded.spans);
    // Protobuf spans are filed without translating them; their text is written when read.
    const translated = fileTraceRequest(
      decoded.request,
      source.transport,
      source.sampled,
      this.#translate,
    );
    const verdicts = new SpanVerdicts(this.#ingest, source, receivedAt);
    verdicts.untranslatable(translated.rejected);
    const documents: DocumentOutcome[] = [];
    for (const filed of translated.documents) {
      const { origin } = filed;
      const outcome = filed.lazy
        ? this.#ingest.filed(filed.fields, filed.text, filed.wireBytes, source, receivedAt, origin)
        : this.#ingest.translated(
            filed.document,
            JSON.stringify(filed.document),
            source,
            receivedAt,
            origin,
          );
      documents.push(outcome);
      verdicts.document(outcome, origin);
    }
    const { rejectedSpans } = verdicts;
    stats.rejectedSpans += rejectedSpans;
    stats.storedSpans += decoded.spans - rejectedSpans;
    return {
      ok: true,
      spans: decoded.spans,
      rejectedSpans,
      errorMessage: partialSuccessMessage(verdicts.reasons),
      documents,
    };
  }

  #refuse(
    bytes: Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    source: OtlpSource,
    receivedAt: EpochMillis,
  ): OtlpRequestOutcome {
    const stats = this.counters.request(source.transport);
    stats.refusedRequests++;
    this.#ingest.refused(bytes, reason, message, source, receivedAt);
    return { ok: false, reason, message };
  }
}

// An intake and its counters, kept so that their hidden classes outlive a full collection
// that finds none alive, and the intake's code stays compiled (`keepShapeOf`).
keepShapeOf(
  new OtlpIntake({
    ingest: KEPT_INGEST_SERVICE,
    translate: { indexAllAttributes: false, indexedAttributes: [] },
    keepUnsampled: false,
  }),
);

function partialSuccessMessage(reasons: readonly string[]): string {
  if (reasons.length === 0) return "";
  const quoted = reasons.slice(0, MAX_REASONS_QUOTED).join("; ");
  const more = reasons.length - MAX_REASONS_QUOTED;
  return more > 0 ? `${quoted}; and ${more} more` : quoted;
}
