/**
 * The bounded, in-memory home of every accepted document, grouped by trace. Ingest is the
 * daemon's hot path and only files the document's text under its index fields; documents
 * are parsed when read. Summaries are cached until their trace changes; assembled trees
 * only for the most recently read traces, so the store does not hold parsed documents for
 * everything it keeps.
 *
 * Traces live in one of two pools, each with its own bounds and evicted among its own kind
 * only: unsampled traces (every document translated from an unsampled span, ADOT's `T1U`)
 * and the rest. However many unsampled spans arrive, they never push out a sampled trace. A
 * sampled document that joins an unsampled trace moves it into the sampled pool for good.
 */

import { assembleTrace } from "./assemble-trace.ts";
import { diagnoseTrace } from "./doctor/diagnose-trace.ts";
import type { ProblemCounts } from "./doctor/problem.ts";
import type { TopLevelDocument } from "./document.ts";
import { type DocumentIndex, documentIndex, indexSharingTraceId } from "./document-index.ts";
import { type DocumentOrigin, isUnsampledOrigin } from "./document-origin.ts";
import { type Replacement, replacementOf } from "./document-replacement.ts";
import { KEPT_SEGMENT_ID, KEPT_TRACE_ID, keepShapeOf } from "./kept-shapes.ts";
import { summarizeTrace } from "./summarize-trace.ts";
import type { AssembledTrace, StoredDocument, TraceSummary } from "./trace.ts";
import { TraceDocuments } from "./trace-documents.ts";
import { type PoolBounds, type PoolCounts, TracePool } from "./trace-pool.ts";
import { type EpochMillis, epochMillis, epochSeconds, type TraceId } from "./units.ts";
import { utf8ByteLength } from "./utf8.ts";

export interface TraceStoreOptions {
  /** Sampled traces kept (every trace but the unsampled ones); the oldest is evicted first. */
  readonly maxTraces: number;
  /** Bytes of documents of sampled traces kept. */
  readonly maxBytes: number;
  /** The unsampled traces' own bounds. Default `DEFAULT_UNSAMPLED_BOUNDS`. */
  readonly unsampled?: PoolBounds;
  /** Assembled traces kept for repeated reads, the least recently read dropped first. Default 256. */
  readonly cachedTraces?: number;
}

const DEFAULT_CACHED_TRACES = 256;

/** Unsampled traces kept unless told otherwise: 2,000 traces, 32 MiB. */
export const DEFAULT_UNSAMPLED_BOUNDS: PoolBounds = Object.freeze({
  maxTraces: 2_000,
  maxBytes: 32 * 1024 * 1024,
});

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

/**
 * A document's JSON text, or what writes it the first time anything reads it (a document
 * made from something else, such as a span, whose text is not needed to file it). `write`
 * is called at most once by the store; the text is then kept.
 */
export type DocumentText = string | TextWriter;

export interface TextWriter {
  write(): string;
}

/** Called on the ingest path for every event: must be cheap. */
export type TraceStoreListener = (event: TraceStoreEvent) => void;

/**
 * The unsampled pool: traces whose every document came from an unsampled span. Its traces,
 * documents, bytes and evictions are part of the store's totals too.
 */
export interface UnsampledStoreStats extends PoolCounts {
  /** Unsampled traces a sampled document joined, which moved them into the sampled pool. */
  readonly promotedTraces: number;
  readonly maxTraces: number;
  readonly maxBytes: number;
}

/** Totals over both pools; `maxTraces` and `maxBytes` bound the sampled pool. */
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
  unsampled: UnsampledStoreStats;
}

interface TraceEntry {
  readonly id: TraceId;
  /** Keyed by document id: a later document with the same id replaces the earlier one. */
  readonly documents: TraceDocuments;
  bytes: number;
  segments: number;
  subsegments: number;
  summary: TraceSummary | undefined;
  pool: TracePool<TraceEntry>;
}

export class TraceStore {
  readonly #sampled: TracePool<TraceEntry>;
  readonly #unsampled: TracePool<TraceEntry>;
  readonly #cachedTraces: number;
  /** Every trace of both pools; insertion order is first-receive order. */
  readonly #traces = new Map<TraceId, TraceEntry>();
  /** Insertion order is read order: the first entry is the least recently read. */
  readonly #assembled = new Map<TraceId, AssembledTrace>();
  readonly #listeners = new Set<TraceStoreListener>();
  #segments = 0;
  #subsegments = 0;
  #replacedInProgress = 0;
  #duplicates = 0;
  #promotedTraces = 0;

  constructor(options: TraceStoreOptions) {
    this.#sampled = new TracePool(options, "");
    this.#unsampled = new TracePool(options.unsampled ?? DEFAULT_UNSAMPLED_BOUNDS, "unsampled ");
    this.#cachedTraces = Math.max(0, options.cachedTraces ?? DEFAULT_CACHED_TRACES);
  }

  /**
   * Files one accepted document: `document` is the index `scanDatagram` gives, or the
   * parsed document (only its index fields are kept), `raw` its text (or the function that
   * writes it when first read: see `DocumentText`), `bytes` what the byte bounds count for
   * it, `origin` how it arrived (not known when not given; an unsampled span's origin files
   * the document in the unsampled pool unless its trace is sampled). A document with the id
   * of one already stored is compared with it by text, so both texts are written then.
   */
  ingest(
    document: DocumentIndex,
    raw: DocumentText,
    bytes: number,
    receivedAt: EpochMillis,
    origin?: DocumentOrigin,
  ): IngestOutcome {
    const traceId = document.trace_id;
    let entry = this.#traces.get(traceId);
    let previous = entry?.documents.get(document.id);
    if (previous !== undefined && typeof raw !== "string") raw = raw.write();
    if (previous !== undefined && previous.raw === raw) {
      return { traceId, created: false, replaced: "identical", evicted: [] };
    }
    let replaced: Replacement = previous ? replacementOf(previous.index, document) : "none";
    if (replaced === "kept-complete") return { traceId, created: false, replaced, evicted: [] };

    // The pool the trace is in once this document is stored: an unsampled trace stays
    // unsampled only while every document it gets is unsampled.
    const pool = isUnsampledOrigin(origin) ? (entry?.pool ?? this.#unsampled) : this.#sampled;
    const promoted = entry !== undefined && entry.pool !== pool;

    // Bounds are checked before any closure is made: this runs for every datagram.
    const evicted: TraceId[] = [];
    if ((!entry || promoted) && pool.size >= pool.maxTraces) {
      this.#evictOldest(pool, undefined, evicted, () => pool.size >= pool.maxTraces);
    }
    // What the pool gains: the document, less the one it replaces, plus a promoted trace.
    const moved = promoted ? (entry?.bytes ?? 0) : 0;
    if (pool.bytes + moved - (previous?.bytes ?? 0) + bytes > pool.maxBytes) {
      const fits = (): boolean =>
        pool.bytes + moved - (previous?.bytes ?? 0) + bytes <= pool.maxBytes;
      this.#evictOldest(pool, entry, evicted, () => !fits());
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
      entry = newEntry(traceId, pool);
      this.#traces.set(traceId, entry);
      pool.add(entry);
    } else if (entry.pool !== pool) {
      entry.pool.remove(entry);
      entry.pool = pool;
      pool.add(entry);
      this.#promotedTraces++;
    }
    if (previous) this.#account(entry, previous, -1);
    const index = indexSharingTraceId(document, entry.id);
    const stored = new StoredText(index, raw, bytes, receivedAt, origin);
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

  /** The trace's summary with the trace doctor's counts (diagnosed now if not yet). */
  getSummary(traceId: TraceId): TraceSummary | undefined {
    const entry = this.#traces.get(traceId);
    return entry ? this.#diagnosed(entry) : undefined;
  }

  /**
   * The trace's summary as far as it is known without running the trace doctor: `problems`
   * only when the trace's current documents were diagnosed already. For paths that
   * summarize every change (the live stream): a diagnosis costs more than the summary.
   */
  peekSummary(traceId: TraceId): TraceSummary | undefined {
    const entry = this.#traces.get(traceId);
    return entry ? this.#summarized(entry) : undefined;
  }

  /** Newest first, by when the trace's first document was received. */
  summaries(): TraceSummary[] {
    return [...this.#traces.values()].reverse().map((entry) => this.#diagnosed(entry));
  }

  /** The trace's documents as stored, in no particular order, without assembling the trace. */
  storedDocuments(traceId: TraceId): StoredDocument[] | undefined {
    const entry = this.#traces.get(traceId);
    return entry?.documents.values();
  }

  /** Newest first, by when the trace's first document was received. */
  traceIds(): TraceId[] {
    return [...this.#traces.keys()].reverse();
  }

  /** Counters kept up to date on every change: nothing is assembled or parsed for them. */
  stats(): StoreStats {
    const sampled = this.#sampled.counts();
    const unsampled = this.#unsampled.counts();
    return {
      traces: this.#traces.size,
      documents: sampled.documents + unsampled.documents,
      segments: this.#segments,
      subsegments: this.#subsegments,
      bytes: sampled.bytes + unsampled.bytes,
      evictedTraces: sampled.evictedTraces + unsampled.evictedTraces,
      evictedDocuments: sampled.evictedDocuments + unsampled.evictedDocuments,
      evictedBytes: sampled.evictedBytes + unsampled.evictedBytes,
      replacedInProgress: this.#replacedInProgress,
      duplicates: this.#duplicates,
      maxTraces: this.#sampled.maxTraces,
      maxBytes: this.#sampled.maxBytes,
      unsampled: {
        ...unsampled,
        promotedTraces: this.#promotedTraces,
        maxTraces: this.#unsampled.maxTraces,
        maxBytes: this.#unsampled.maxBytes,
      },
    };
  }

  /** Drops every trace and resets every counter, as a fresh store. */
  clear(): void {
    this.#traces.clear();
    this.#assembled.clear();
    this.#sampled.clear();
    this.#unsampled.clear();
    this.#segments = 0;
    this.#subsegments = 0;
    this.#replacedInProgress = 0;
    this.#duplicates = 0;
    this.#promotedTraces = 0;
    this.#emit({ type: "cleared" });
  }

  #emit(event: TraceStoreEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /**
   * Assembled for the summary alone unless the tree is cached anyway: summaries of every
   * trace are kept, trees only of the few most recently read.
   */
  #summarized(entry: TraceEntry, tree?: AssembledTrace): TraceSummary {
    if (entry.summary === undefined) {
      const summary = summarizeTrace(tree ?? this.#assembled.get(entry.id) ?? assembled(entry));
      // The pool decides: a trace a sampled document once joined stays sampled.
      const unsampled = entry.pool === this.#unsampled;
      entry.summary = summary.unsampled === unsampled ? summary : { ...summary, unsampled };
    }
    return entry.summary;
  }

  /** The summary with the doctor's counts, which are kept until the trace changes. */
  #diagnosed(entry: TraceEntry): TraceSummary {
    if (entry.summary?.problems !== undefined) return entry.summary;
    const trace = this.#assembled.get(entry.id) ?? assembled(entry);
    const summary: { problems?: ProblemCounts } = this.#summarized(entry, trace);
    // Filled in where it is: the same trace, now with its counts (see summarizeTrace).
    summary.problems = diagnoseTrace(trace).counts;
    return entry.summary as TraceSummary;
  }

  /** Evicts the pool's traces oldest first, never `keep`, while `needsRoom()` holds. */
  #evictOldest(
    pool: TracePool<TraceEntry>,
    keep: TraceEntry | undefined,
    evicted: TraceId[],
    needsRoom: () => boolean,
  ): void {
    for (const entry of pool.traces()) {
      if (!needsRoom()) return;
      if (entry !== keep) this.#evict(entry, evicted);
    }
  }

  #evict(entry: TraceEntry, evicted: TraceId[]): void {
    this.#traces.delete(entry.id);
    this.#assembled.delete(entry.id);
    entry.pool.evicted(entry);
    this.#segments -= entry.segments;
    this.#subsegments -= entry.subsegments;
    evicted.push(entry.id);
  }

  /** Adds (`sign` 1) or removes (`sign` -1) one document from the counts. */
  #account(entry: TraceEntry, stored: StoredDocument, sign: 1 | -1): void {
    const independent = stored.index.type === "subsegment";
    entry.bytes += sign * stored.bytes;
    entry.pool.account(stored.bytes, sign);
    if (independent) {
      entry.subsegments += sign;
      this.#subsegments += sign;
    } else {
      entry.segments += sign;
      this.#segments += sign;
    }
  }
}

function newEntry(id: TraceId, pool: TracePool<TraceEntry>): TraceEntry {
  return {
    id,
    documents: new TraceDocuments(),
    bytes: 0,
    segments: 0,
    subsegments: 0,
    summary: undefined,
    pool,
  };
}

function assembled(entry: TraceEntry): AssembledTrace {
  return assembleTrace(entry.id, entry.documents.values());
}

/**
 * A stored document: text and index fields; `document` parses the text on every read. The
 * text is written the first time it is read when it was given as a function, then kept.
 */
class StoredText implements StoredDocument {
  #raw: DocumentText;
  /** The text's UTF-8 size once measured; -1 when `bytes` is it (the text was given). */
  #textBytes: number;

  constructor(
    readonly index: DocumentIndex,
    raw: DocumentText,
    readonly bytes: number,
    readonly receivedAt: EpochMillis,
    readonly origin: DocumentOrigin | undefined,
  ) {
    this.#raw = raw;
    this.#textBytes = typeof raw === "string" ? -1 : 0;
  }

  get textBytes(): number | undefined {
    if (this.#textBytes < 0) return undefined;
    if (this.#textBytes === 0) this.#textBytes = utf8ByteLength(this.raw);
    return this.#textBytes;
  }

  get raw(): string {
    const raw = this.#raw;
    if (typeof raw === "string") return raw;
    const text = raw.write();
    this.#raw = text;
    return text;
  }

  get document(): TopLevelDocument {
    // The text was accepted as a document before it was stored.
    return JSON.parse(this.raw) as TopLevelDocument;
  }
}

const KEPT_INDEX = documentIndex({
  id: KEPT_SEGMENT_ID,
  trace_id: KEPT_TRACE_ID,
  name: "kept",
  start_time: epochSeconds(0.5),
  end_time: epochSeconds(1.5),
});
// A store holding one trace (its pools, its trace record, the trace's documents and one
// document with its index), kept so that their hidden classes outlive a collection that
// finds every other store empty or gone (a new or cleared store; a process that makes new
// stores, as tests, benchmarks and an embedding application do), and the store's code stays
// compiled (`keepShapeOf`).
const keptStore = keepShapeOf(new TraceStore({ maxTraces: 1, maxBytes: 1024 }));
keptStore.ingest(KEPT_INDEX, "{}", 2, epochMillis(Date.now()));
