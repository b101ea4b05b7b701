import type { TraceId } from "@xray-sandbox/segments";

/** A read-only window on the ids, newest first; a new one is handed out after each change. */
export interface TraceIdList {
  readonly length: number;
  /** 0 is the newest trace. */
  at(index: number): TraceId | undefined;
  /** -1 when absent. Searches from the newest end, where selections usually are. */
  indexOf(id: TraceId): number;
}

export interface OrderedEntry {
  readonly id: TraceId;
  /** What the order is by: when the trace's first document was received. */
  readonly key: number;
}

/** Below this many out-of-place ids, splicing each one in beats merging the whole array. */
const SPLICE_LIMIT = 8;

/**
 * Trace ids newest first by `key`, as the daemon lists them, built for a live feed of
 * 100k traces: held oldest first so that newer traces append and the oldest leave from the
 * front, each in O(1) amortised. Only ids placed between others (a trace that starts
 * matching a filter late) or removed from the middle cost a pass over the array.
 */
export class TraceOrder {
  /** Oldest first; entries before `#start` have been dropped. */
  #items: TraceId[] = [];
  #start = 0;
  readonly #keys = new Map<TraceId, number>();

  get size(): number {
    return this.#keys.size;
  }

  has(id: TraceId): boolean {
    return this.#keys.has(id);
  }

  /** 0 is the newest. */
  at(index: number): TraceId | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    return this.#items[this.#items.length - 1 - index];
  }

  indexOf(id: TraceId): number {
    if (!this.#keys.has(id)) return -1;
    const position = this.#items.lastIndexOf(id);
    return position < this.#start ? -1 : this.#items.length - 1 - position;
  }

  /** The key of the oldest id, if any. */
  oldestKey(): number | undefined {
    const oldest = this.#items[this.#start];
    return oldest === undefined ? undefined : this.#keys.get(oldest);
  }

  newestKey(): number | undefined {
    const newest = this.#items.at(-1);
    return newest === undefined || this.#items.length === this.#start
      ? undefined
      : this.#keys.get(newest);
  }

  /**
   * Places ids not yet held; ids already held keep their place. Equal keys go after
   * (newer than) the ones already there, and keep their relative order from `entries`
   * read oldest first.
   */
  insert(entriesOldestFirst: readonly OrderedEntry[]): void {
    const fresh: OrderedEntry[] = [];
    for (const entry of entriesOldestFirst) {
      if (this.#keys.has(entry.id)) continue;
      this.#keys.set(entry.id, entry.key);
      fresh.push(entry);
    }
    if (fresh.length === 0) return;
    if (!isSorted(fresh)) fresh.sort((a, b) => a.key - b.key);
    const newest = this.newestKey();
    const firstKey = fresh[0]?.key ?? 0;
    if (newest === undefined || firstKey >= newest) {
      for (const entry of fresh) this.#items.push(entry.id);
      return;
    }
    if (fresh.length <= SPLICE_LIMIT) {
      for (const entry of fresh) this.#place(entry);
      return;
    }
    this.#merge(fresh);
  }

  /**
   * Removes the ids held; ids not held are ignored. The oldest leave in O(1) each; others
   * cost a pass over the ids newer than the oldest of them, which is short when, as usual,
   * the traces that change (and stop matching a filter) are recent ones.
   */
  remove(ids: Iterable<TraceId>): void {
    const doomed = new Set<TraceId>();
    for (const id of ids) {
      if (this.#keys.delete(id)) doomed.add(id);
    }
    if (doomed.size === 0) return;
    const items = this.#items;
    for (let oldest = items[this.#start]; oldest !== undefined && doomed.delete(oldest); ) {
      this.#start++;
      oldest = items[this.#start];
    }
    if (doomed.size > 0) {
      let lowest = items.length;
      for (let i = items.length - 1; i >= this.#start && doomed.size > 0; i--) {
        const id = items[i];
        if (id !== undefined && doomed.delete(id)) lowest = i;
      }
      this.#compactFrom(lowest);
    }
    if (this.#start > 1024 && this.#start * 2 > items.length) {
      this.#items = items.slice(this.#start);
      this.#start = 0;
    }
  }

  clear(): void {
    this.#items = [];
    this.#start = 0;
    this.#keys.clear();
  }

  /** A new list object over the current ids (O(1)); read it before the next change. */
  view(): TraceIdList {
    const length = this.size;
    return {
      length,
      at: (index) => (index < length ? this.at(index) : undefined),
      indexOf: (id) => this.indexOf(id),
    };
  }

  /** Drops removed ids from `from` on, in place. */
  #compactFrom(from: number): void {
    const items = this.#items;
    let write = from;
    for (let read = from; read < items.length; read++) {
      const id = items[read];
      if (id !== undefined && this.#keys.has(id)) items[write++] = id;
    }
    items.length = write;
  }

  /** Binary search for the first held id with a greater key, then splice. */
  #place(entry: OrderedEntry): void {
    let low = this.#start;
    let high = this.#items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const id = this.#items[middle];
      const key = id === undefined ? undefined : this.#keys.get(id);
      if (key !== undefined && key <= entry.key) low = middle + 1;
      else high = middle;
    }
    this.#items.splice(low, 0, entry.id);
  }

  #merge(fresh: readonly OrderedEntry[]): void {
    const merged: TraceId[] = [];
    let next = 0;
    for (let i = this.#start; i < this.#items.length; i++) {
      const id = this.#items[i];
      if (id === undefined) continue;
      const key = this.#keys.get(id) ?? 0;
      for (let entry = fresh[next]; entry !== undefined && entry.key < key; entry = fresh[next]) {
        merged.push(entry.id);
        next++;
      }
      merged.push(id);
    }
    for (; next < fresh.length; next++) {
      const entry = fresh[next];
      if (entry) merged.push(entry.id);
    }
    this.#items = merged;
    this.#start = 0;
  }
}

function isSorted(entries: readonly OrderedEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const previous = entries[i - 1];
    const current = entries[i];
    if (previous && current && current.key < previous.key) return false;
  }
  return true;
}
