/**
 * Where each checked document sits in an import's temporary file: 24 bytes a document in
 * typed arrays (no object per document), so that the file can be applied in receive-time
 * order without being read into memory.
 */

const INITIAL_CAPACITY = 1024;

export class SpoolIndex {
  #offsets = new Float64Array(INITIAL_CAPACITY);
  #lengths = new Uint32Array(INITIAL_CAPACITY);
  #lines = new Uint32Array(INITIAL_CAPACITY);
  /** NaN when the entry had no receive time. */
  #receivedAt = new Float64Array(INITIAL_CAPACITY);
  #size = 0;
  #allTimed = true;
  #ascending = true;

  get size(): number {
    return this.#size;
  }

  /** Bytes the index holds. */
  get bytes(): number {
    return this.#offsets.length * 24;
  }

  add(offset: number, length: number, line: number, receivedAt: number | undefined): void {
    if (this.#size === this.#offsets.length) this.#grow();
    const index = this.#size++;
    this.#offsets[index] = offset;
    this.#lengths[index] = length;
    this.#lines[index] = line;
    if (receivedAt === undefined) {
      this.#allTimed = false;
      this.#receivedAt[index] = Number.NaN;
    } else {
      if (index > 0 && receivedAt < (this.#receivedAt[index - 1] ?? 0)) this.#ascending = false;
      this.#receivedAt[index] = receivedAt;
    }
  }

  offset(index: number): number {
    return this.#offsets[index] ?? 0;
  }

  length(index: number): number {
    return this.#lengths[index] ?? 0;
  }

  line(index: number): number {
    return this.#lines[index] ?? 0;
  }

  /** Undefined when the entry had none. */
  receivedAt(index: number): number | undefined {
    const value = this.#receivedAt[index] ?? Number.NaN;
    return Number.isNaN(value) ? undefined : value;
  }

  /**
   * The order to apply in: oldest receive time first when every entry has one (so traces keep
   * the order they first arrived in; ties in file order), else file order.
   */
  order(): Uint32Array {
    const order = new Uint32Array(this.#size);
    for (let index = 0; index < order.length; index++) order[index] = index;
    if (!this.#allTimed || this.#ascending) return order;
    const times = this.#receivedAt;
    return order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  }

  #grow(): void {
    const capacity = this.#offsets.length * 2;
    this.#offsets = grown(this.#offsets, new Float64Array(capacity));
    this.#lengths = grown(this.#lengths, new Uint32Array(capacity));
    this.#lines = grown(this.#lines, new Uint32Array(capacity));
    this.#receivedAt = grown(this.#receivedAt, new Float64Array(capacity));
  }
}

function grown<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
