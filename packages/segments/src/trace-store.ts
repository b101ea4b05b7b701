/**
 * The bounded, in-memory home of every accepted document, grouped by trace. Ingest is the
 * daemon's hot path and only files the document's text under its index fields; documents
 * are parsed when read. Summaries are cached until their trace changes; assembled trees
 * only for the most recently read traces, so the store does not hold parsed documents for
 * everything it keeps.
 */

import { assembleTrace } from "./assemble-trace.ts";
import type { TopLevelDocument } from "./document.ts";
import { type DocumentIndex, documentIndex } from "./document-index.ts";
import type { DocumentOrigin } from "./document-origin.ts";
import { type Replacement, replacementOf } from "./document-replacement.ts";
import { summarizeTrace } from "./summarize-trace.ts";
import type { AssembledTrace, StoredDocument, TraceSummary } from "./trace.ts";
import type { EpochMillis, TraceId } from "./units.ts";

export interface TraceStoreOptions {
  readonly maxTraces: number;
  readonly maxBytes: number;
  /** Assembled traces kept for repeated reads, the least recently read dropped first. Default 256. */
  readonly cachedTraces?: number;
}

const DEFAULT_CACHED_TRACES = 256;

export interface IngestOutcome {
  readonly traceId: TraceId;
  /** First document of this trace (also when the trace was evicted to make room for it). */
  readonly created: boolean;
  /** How a document with an id already stored was handled. */
  readonly replaced: Replacement;
  /** Traces evicted to make room, oldest first. */
  readonly evicted: readonly TraceId[];
}

/**
 * What changed in a store, in the order it changed. `stored` is a document the store now
 * holds (`previous`: the one with the same id it replaced); `evicted` a trace dropped to
 * make room (before the document that needed the room is stored); `cleared`: every trace.
 * A document the store did not keep (identical, or in progress after the complete one)
 * gives no event.
 */
export type TraceStoreEvent =
  | {
      readonly type: "stored";
      readonly traceId: TraceId;
      readonly document: StoredDocument;
      readonly previous: StoredDocument | undefined;
    }
  | { readonly type: "evicted"; readonly traceId: TraceId }
  | { readonly type: "cleared" };

/** Called on the ingest path for every event: must be cheap. */
export type TraceStoreListener = (event: TraceStoreEvent) => void;

export interface StoreStats {
  traces: number;
  documents: number;
  segments: number;
  /** Independent (streamed) subsegment documents. */
  subsegments: number;
  bytes: number;
  evictedTraces: number;
  evictedDocuments: number;
  evictedBytes: number;
  replacedInProgress: number;
  duplicates: number;
  maxTraces: number;
  maxBytes: number;
}

interface TraceEntry {
  readonly id: TraceId;
  /** Keyed by document id: a later document with the same id replaces the earlier one. */
  readonly documents: Map<string, StoredDocument>;
  bytes: number;
  segments: number;
  subsegments: number;
  summary: TraceSummary | undefined;
}

export class TraceStore {
  readonly #maxTraces: number;
  readonly #maxBytes: number;
  readonly #cachedTraces: number;
  /** Insertion order is first-receive order: the first entry is the oldest trace. */
  readonly #traces = new Map<TraceId, TraceEntry>();
  /** Insertion order is read order: the first entry is the least recently read. */
  readonly #assembled = new Map<TraceId, AssembledTrace>();
  readonly #listeners = new Set<TraceStoreListener>();
  #documents = 0;
  #segments = 0;
  #subsegments = 0;
  #bytes = 0;
  #evictedTraces = 0;
  #evictedDocuments = 0;
  #evictedBytes = 0;
  #replacedInProgress = 0;
  #duplicates = 0;

  constructor(options: TraceStoreOptions) {
    if (!(options.maxTraces >= 1)) throw new RangeError("maxTraces must be at least 1");
    if (!(options.maxBytes >= 1)) throw new RangeError("maxBytes must be at least 1");
    this.#maxTraces = options.maxTraces;
    this.#maxBytes = options.maxBytes;
    this.#cachedTraces = Math.max(0, options.cachedTraces ?? DEFAULT_CACHED_TRACES);
  }

  /**
   * Files one accepted document: `document` is the index `scanDatagram` gives, or the
   * parsed document (only its index fields are kept), `raw` its text, `origin` how it
   * arrived (not known when not given).
   */
  ingest(
    document: DocumentIndex,
    raw: string,
    bytes: number,
    receivedAt: EpochMillis,
    origin?: DocumentOrigin,
  ): IngestOutcome {
    const traceId = document.trace_id;
    let entry = this.#traces.get(traceId);
    let previous = entry?.documents.get(document.id);
    if (previous !== undefined && previous.raw === raw) {
      return { traceId, created: false, replaced: "identical", evicted: [] };
    }
    let replaced: Replacement = previous ? replacementOf(previous.index, document) : "none";
    if (replaced === "kept-complete") return { traceId, created: false, replaced, evicted: [] };

    // Bounds are checked before any closure is made: this runs for every datagram.
    const evicted: TraceId[] = [];
    if (!entry && this.#traces.size >= this.#maxTraces) {
      this.#evictOldest(undefined, evicted, () => this.#traces.size >= this.#maxTraces);
    }
    if (this.#bytes - (previous?.bytes ?? 0) + bytes > this.#maxBytes) {
      const fits = (): boolean => this.#bytes - (previous?.bytes ?? 0) + bytes <= this.#maxBytes;
      this.#evictOldest(entry, evicted, () => !fits());
      // The trace's own earlier documents go too when they alone leave no room. A document
      // larger than maxBytes by itself is still stored, alone, rather than dropped: losing
      // it silently would be worse than a store briefly over its byte bound.
      if (entry && !fits() && entry.documents.size > (previous ? 1 : 0)) {
        this.#evict(entry, evicted);
        entry = undefined;
        previous = undefined;
        replaced = "none";
      }
    }

    const created = !entry;
    if (!entry) {
      entry = newEntry(traceId);
      this.#traces.set(traceId, entry);
    }
    if (previous) this.#account(entry, previous, -1);
    const stored = new StoredText(documentIndex(document), raw, bytes, receivedAt, origin);
    entry.documents.set(document.id, stored);
    this.#account(entry, stored, 1);
    entry.summary = undefined;
    this.#assembled.delete(traceId);
    if (replaced === "in-progress") this.#replacedInProgress++;
    if (replaced === "duplicate") this.#duplicates++;
    if (this.#listeners.size > 0) {
      for (const id of evicted) this.#emit({ type: "evicted", traceId: id });
      this.#emit({ type: "stored", traceId, document: stored, previous });
    }
    return { traceId, created, replaced, evicted };
  }

  /**
   * Calls `listener` with every change from now on, whoever makes it; returns the function
   * that stops it. Listeners are called in the order they subscribed.
   */
  subscribe(listener: TraceStoreListener): () => void {
    const own = (event: TraceStoreEvent): void => listener(event);
    this.#listeners.add(own);
    return () => {
      this.#listeners.delete(own);
    };
  }

  has(traceId: TraceId): boolean {
    return this.#traces.has(traceId);
  }

  /** The trace's tree; the same object on repeated reads while the trace is unchanged and cached. */
  getTrace(traceId: TraceId): AssembledTrace | undefined {
    const entry = this.#traces.get(traceId);
    if (!entry) return undefined;
    const cached = this.#assembled.get(traceId);
    this.#assembled.delete(traceId);
    const trace = cached ?? assembled(entry);
    if (this.#cachedTraces > 0) {
      this.#assembled.set(traceId, trace);
      if (this.#assembled.size > this.#cachedTraces) {
        for (const id of this.#assembled.keys()) {
          this.#assembled.delete(id);
          break;
        }
      }
    }
    return trace;
  }

  getSummary(traceId: TraceId): TraceSummary | undefined {
    const entry = this.#traces.get(traceId);
    return entry ? this.#summarized(entry) : undefined;
  }

  /** Newest first, by when the trace's first document was received. */
  summaries(): TraceSummary[] {
    return [...this.#traces.values()].reverse().map((entry) => this.#summarized(entry));
  }

  /** The trace's documents as stored, in no particular order, without assembling the trace. */
  storedDocuments(traceId: TraceId): StoredDocument[] | undefined {
    const entry = this.#traces.get(traceId);
    return entry ? [...entry.documents.values()] : undefined;
  }

  /** Newest first, by when the trace's first document was received. */
  traceIds(): TraceId[] {
    return [...this.#traces.keys()].reverse();
  }

  /** Counters kept up to date on every change: nothing is assembled or parsed for them. */
  stats(): StoreStats {
    return {
      traces: this.#traces.size,
      documents: this.#documents,
      segments: this.#segments,
      subsegments: this.#subsegments,
      bytes: this.#bytes,
      evictedTraces: this.#evictedTraces,
      evictedDocuments: this.#evictedDocuments,
      evictedBytes: this.#evictedBytes,
      replacedInProgress: this.#replacedInProgress,
      duplicates: this.#duplicates,
      maxTraces: this.#maxTraces,
      maxBytes: this.#maxBytes,
    };
  }

  /** Drops every trace and resets every counter, as a fresh store. */
  clear(): void {
    this.#traces.clear();
    this.#assembled.clear();
    this.#documents = 0;
    this.#segments = 0;
    this.#subsegments = 0;
    this.#bytes = 0;
    this.#evictedTraces = 0;
    this.#evictedDocuments = 0;
    this.#evictedBytes = 0;
    this.#replacedInProgress = 0;
    this.#duplicates = 0;
    this.#emit({ type: "cleared" });
  }

  #emit(event: TraceStoreEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /**
   * Assembled for the summary alone unless the tree is cached anyway: summaries of every
   * trace are kept, trees only of the few most recently read.
   */
  #summarized(entry: TraceEntry): TraceSummary {
    entry.summary ??= summarizeTrace(this.#assembled.get(entry.id) ?? assembled(entry));
    return entry.summary;
  }

  /** Evicts traces oldest first, never `keep`, while `needsRoom()` holds. */
  #evictOldest(keep: TraceEntry | undefined, evicted: TraceId[], needsRoom: () => boolean): void {
    for (const entry of this.#traces.values()) {
      if (!needsRoom()) return;
      if (entry !== keep) this.#evict(entry, evicted);
    }
  }

  #evict(entry: TraceEntry, evicted: TraceId[]): void {
    this.#traces.delete(entry.id);
    this.#assembled.delete(entry.id);
    this.#documents -= entry.documents.size;
    this.#segments -= entry.segments;
    this.#subsegments -= entry.subsegments;
    this.#bytes -= entry.bytes;
    this.#evictedTraces++;
    this.#evictedDocuments += entry.documents.size;
    this.#evictedBytes += entry.bytes;
    evicted.push(entry.id);
  }

  /** Adds (`sign` 1) or removes (`sign` -1) one document from the counts. */
  #account(entry: TraceEntry, stored: StoredDocument, sign: 1 | -1): void {
    const independent = stored.index.type === "subsegment";
    entry.bytes += sign * stored.bytes;
    this.#bytes += sign * stored.bytes;
    this.#documents += sign;
    if (independent) {
      entry.subsegments += sign;
      this.#subsegments += sign;
    } else {
      entry.segments += sign;
      this.#segments += sign;
    }
  }
}

function newEntry(id: TraceId): TraceEntry {
  return { id, documents: new Map(), bytes: 0, segments: 0, subsegments: 0, summary: undefined };
}

function assembled(entry: TraceEntry): AssembledTrace {
  return assembleTrace(entry.id, [...entry.documents.values()]);
}

/** A stored document: text and index fields; `document` parses the text on every read. */
class StoredText implements StoredDocument {
  constructor(
    readonly index: DocumentIndex,
    readonly raw: string,
    readonly bytes: number,
    readonly receivedAt: EpochMillis,
    readonly origin: DocumentOrigin | undefined,
  ) {}

  get document(): TopLevelDocument {
    // The text was accepted as a document before it was stored.
    return JSON.parse(this.raw) as TopLevelDocument;
  }
}
