/**
 * One of the store's eviction pools: the traces it holds in the order they joined it, their
 * documents and bytes, its bounds, and what it evicted. The store keeps sampled traces in one
 * pool and unsampled-only traces in another, so each is evicted among its own kind only.
 */

/** How many traces, and how many bytes of documents, a pool keeps. */
export interface PoolBounds {
  readonly maxTraces: number;
  readonly maxBytes: number;
}

/** What a pool needs to know of a trace it holds. */
export interface PooledTrace {
  readonly documents: { readonly size: number };
  readonly bytes: number;
}

export interface PoolCounts {
  readonly traces: number;
  readonly documents: number;
  readonly bytes: number;
  readonly evictedTraces: number;
  readonly evictedDocuments: number;
  readonly evictedBytes: number;
}

export class TracePool<T extends PooledTrace> {
  readonly maxTraces: number;
  readonly maxBytes: number;
  /** Insertion order is the order traces joined the pool: the first is evicted first. */
  readonly #traces = new Set<T>();
  #documents = 0;
  #bytes = 0;
  #evictedTraces = 0;
  #evictedDocuments = 0;
  #evictedBytes = 0;

  constructor(bounds: PoolBounds, name: string) {
    if (!(bounds.maxTraces >= 1)) throw new RangeError(`${name}maxTraces must be at least 1`);
    if (!(bounds.maxBytes >= 1)) throw new RangeError(`${name}maxBytes must be at least 1`);
    this.maxTraces = bounds.maxTraces;
    this.maxBytes = bounds.maxBytes;
  }

  get size(): number {
    return this.#traces.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Oldest first. */
  traces(): IterableIterator<T> {
    return this.#traces.values();
  }

  /** Takes a trace with the documents it already holds, as the newest of the pool. */
  add(trace: T): void {
    this.#traces.add(trace);
    this.#documents += trace.documents.size;
    this.#bytes += trace.bytes;
  }

  /** Lets a trace go with its documents (to the other pool, or evicted: see `evicted`). */
  remove(trace: T): void {
    this.#traces.delete(trace);
    this.#documents -= trace.documents.size;
    this.#bytes -= trace.bytes;
  }

  /** Removes a trace that is dropped from the store to make room, and counts it. */
  evicted(trace: T): void {
    this.remove(trace);
    this.#evictedTraces++;
    this.#evictedDocuments += trace.documents.size;
    this.#evictedBytes += trace.bytes;
  }

  /** One document of `bytes` more (`sign` 1) or fewer (-1) in a trace of the pool. */
  account(bytes: number, sign: 1 | -1): void {
    this.#documents += sign;
    this.#bytes += sign * bytes;
  }

  counts(): PoolCounts {
    return {
      traces: this.#traces.size,
      documents: this.#documents,
      bytes: this.#bytes,
      evictedTraces: this.#evictedTraces,
      evictedDocuments: this.#evictedDocuments,
      evictedBytes: this.#evictedBytes,
    };
  }

  /** Empty, with every counter back at zero. */
  clear(): void {
    this.#traces.clear();
    this.#documents = 0;
    this.#bytes = 0;
    this.#evictedTraces = 0;
    this.#evictedDocuments = 0;
    this.#evictedBytes = 0;
  }
}
