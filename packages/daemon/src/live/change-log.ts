import type { TraceId } from "@xray-sandbox/segments";

/** The oldest kept entries are cut off (or superseded ones swept out) past this much waste. */
const COMPACT_SLACK = 1024;

/** What one read of the log returns: current changes, in order, and where to read next. */
export interface ChangeRead {
  readonly ids: readonly TraceId[];
  readonly cursor: number;
}

/**
 * Every trace change not yet taken by every live client, in order, shared by all of them.
 * Each change gets a sequence number; a trace that changes again supersedes its older entry,
 * so a trace is pending at most once however often it changes. A client keeps a cursor (the
 * next sequence it wants) and reads forward from it: a read costs what it returns plus the
 * superseded entries it steps over, never the whole log, and a client that reads nothing
 * costs nothing.
 *
 * At most `maxTraces` changed traces are kept: past that the oldest are cut off, and a client
 * whose cursor was before them has `missed` changes (the hub tells it to resync).
 */
export class ChangeLog {
  readonly #maxTraces: number;
  #ids: TraceId[] = [];
  #seqs: number[] = [];
  /** Index of the oldest kept entry in `#ids` and `#seqs`. */
  #head = 0;
  /** Each pending trace's newest sequence; an entry with an older one is superseded. */
  readonly #latest = new Map<TraceId, number>();
  #next = 1;
  /** The newest sequence cut off while still current. */
  #lostThrough = 0;

  constructor(maxTraces: number) {
    this.#maxTraces = maxTraces;
  }

  /** Changed traces kept for at least one client. */
  get size(): number {
    return this.#latest.size;
  }

  /** The cursor of a reader that has taken everything. */
  get end(): number {
    return this.#next;
  }

  /** On the ingest path: O(1) amortized. */
  append(id: TraceId): void {
    const seq = this.#next++;
    this.#ids.push(id);
    this.#seqs.push(seq);
    this.#latest.set(id, seq);
    while (this.#latest.size > this.#maxTraces) this.#dropOldest(true);
    this.#compact();
  }

  /** Whether changes at or after `cursor` were cut off before the reader took them. */
  missed(cursor: number): boolean {
    return cursor <= this.#lostThrough;
  }

  /** The cursor of the oldest kept change: where a reader that `missed` changes goes on. */
  get start(): number {
    return this.#seqs[this.#head] ?? this.#next;
  }

  /** Up to `limit` current changes from `cursor` on, and the cursor after them. */
  read(cursor: number, limit: number): ChangeRead {
    const ids: TraceId[] = [];
    const length = this.#ids.length;
    let index = this.#indexOf(cursor);
    while (index < length && ids.length < limit) {
      const id = this.#ids[index] as TraceId;
      if (this.#latest.get(id) === this.#seqs[index]) ids.push(id);
      index++;
    }
    return { ids, cursor: index < length ? (this.#seqs[index] as number) : this.#next };
  }

  /** Forgets the changes before `cursor`: every reader has taken them. */
  release(cursor: number): void {
    while (this.#head < this.#ids.length && (this.#seqs[this.#head] as number) < cursor) {
      this.#dropOldest(false);
    }
    this.#compact();
  }

  /** Forgets every change; readers go on from `end`. */
  clear(): void {
    this.#ids = [];
    this.#seqs = [];
    this.#head = 0;
    this.#latest.clear();
  }

  #dropOldest(lost: boolean): void {
    const id = this.#ids[this.#head] as TraceId;
    const seq = this.#seqs[this.#head] as number;
    this.#head++;
    if (this.#latest.get(id) !== seq) return;
    this.#latest.delete(id);
    if (lost) this.#lostThrough = seq;
  }

  /** Keeps the arrays within twice the pending traces plus slack, in amortized O(1). */
  #compact(): void {
    const kept = this.#ids.length - this.#head;
    if (kept <= 2 * this.#latest.size + COMPACT_SLACK) {
      if (this.#head <= COMPACT_SLACK || this.#head < kept) return;
      this.#ids = this.#ids.slice(this.#head);
      this.#seqs = this.#seqs.slice(this.#head);
      this.#head = 0;
      return;
    }
    const ids: TraceId[] = [];
    const seqs: number[] = [];
    for (let index = this.#head; index < this.#ids.length; index++) {
      const id = this.#ids[index] as TraceId;
      const seq = this.#seqs[index] as number;
      if (this.#latest.get(id) !== seq) continue;
      ids.push(id);
      seqs.push(seq);
    }
    this.#ids = ids;
    this.#seqs = seqs;
    this.#head = 0;
  }

  /** The index of the first kept entry at or after `cursor` (binary search). */
  #indexOf(cursor: number): number {
    let low = this.#head;
    let high = this.#ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#seqs[middle] as number) < cursor) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
