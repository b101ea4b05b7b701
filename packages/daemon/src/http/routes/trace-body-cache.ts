/**
 * The JSON body of `GET /api/traces/:id`, as UTF-8 bytes, kept for the traces read last: a
 * 10,000-node trace's body is about 4 MB, and writing and encoding it takes tens of milliseconds
 * each time the trace view opens it. A body is reused only while the store hands out the same assembled trace and the same
 * summary: any change to the trace (a document arriving, an eviction, a clear) makes the store
 * assemble a new one, so a stale body is never served. Bounded by entries and by bytes;
 * counted in `GET /api/stats` (`traceBodies`).
 */

import type { AssembledTrace, TraceBodyCacheStats, TraceSummary } from "@xray-sandbox/segments";

export interface TraceBodyCacheBounds {
  /** Bodies kept at most. */
  readonly maxEntries: number;
  /** Bytes kept at most, over every body; a body larger than this is not kept. */
  readonly maxBytes: number;
}

const encoder = new TextEncoder();

export const DEFAULT_TRACE_BODY_BOUNDS: TraceBodyCacheBounds = Object.freeze({
  maxEntries: 16,
  maxBytes: 64 * 1024 * 1024,
});

interface Entry {
  readonly trace: AssembledTrace;
  readonly summary: TraceSummary;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export class TraceBodyCache {
  readonly #bounds: TraceBodyCacheBounds;
  /** Least recently used first. */
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evicted = 0;

  constructor(bounds: TraceBodyCacheBounds = DEFAULT_TRACE_BODY_BOUNDS) {
    this.#bounds = bounds;
  }

  /**
   * The body of trace `id` as `write` gives it, from the cache when `trace` and `summary` are
   * the very objects it was written from.
   */
  body(
    id: string,
    trace: AssembledTrace,
    summary: TraceSummary,
    write: () => string,
  ): Uint8Array<ArrayBuffer> {
    const cached = this.#entries.get(id);
    if (cached) {
      this.#drop(id, cached);
      if (cached.trace === trace && cached.summary === summary) {
        this.#hits++;
        this.#keep(id, cached);
        return cached.bytes;
      }
    }
    this.#misses++;
    const bytes = encoder.encode(write());
    this.#keep(id, { trace, summary, bytes });
    return bytes;
  }

  stats(): TraceBodyCacheStats {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      maxEntries: this.#bounds.maxEntries,
      maxBytes: this.#bounds.maxBytes,
      hits: this.#hits,
      misses: this.#misses,
      evicted: this.#evicted,
    };
  }

  #keep(id: string, entry: Entry): void {
    if (entry.bytes.byteLength > this.#bounds.maxBytes || this.#bounds.maxEntries <= 0) return;
    this.#entries.set(id, entry);
    this.#bytes += entry.bytes.byteLength;
    for (const [oldId, old] of this.#entries) {
      if (this.#entries.size <= this.#bounds.maxEntries && this.#bytes <= this.#bounds.maxBytes) {
        break;
      }
      this.#drop(oldId, old);
      this.#evicted++;
    }
  }

  #drop(id: string, entry: Entry): void {
    this.#entries.delete(id);
    this.#bytes -= entry.bytes.byteLength;
  }
}
