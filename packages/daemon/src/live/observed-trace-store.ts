import {
  type DocumentIndex,
  type EpochMillis,
  type IngestOutcome,
  TraceStore,
} from "@xray-sandbox/segments";

/** Told of every change to a store, whoever made it (UDP, PutTraceSegments, DELETE /api/traces). */
export interface TraceStoreObserver {
  /** Called after each ingest, on the ingest path: must be cheap and must not throw. */
  ingested(outcome: IngestOutcome): void;
  cleared(): void;
}

/** A TraceStore that reports its changes to one observer. */
export class ObservedTraceStore extends TraceStore {
  #observer: TraceStoreObserver | undefined;

  observe(observer: TraceStoreObserver): void {
    this.#observer = observer;
  }

  override ingest(
    document: DocumentIndex,
    raw: string,
    bytes: number,
    receivedAt: EpochMillis,
  ): IngestOutcome {
    const outcome = super.ingest(document, raw, bytes, receivedAt);
    this.#observer?.ingested(outcome);
    return outcome;
  }

  override clear(): void {
    super.clear();
    this.#observer?.cleared();
  }
}
