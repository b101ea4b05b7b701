/**
 * How applying an import shares the event loop: it stores documents for at most `sliceMs`
 * (and at most `maxDocuments`) and then pauses for a turn, so HTTP requests and the UDP
 * worker's batches are served while a large file is applied.
 */

/**
 * Longest time applying (or checking, in pass 1) runs before it pauses. Short: on a busy
 * machine a slice's wall time stretches, and a health check or a UDP batch that arrives
 * during a slice waits for all of it.
 */
export const DEFAULT_SLICE_MS = 8;
/** Most documents stored between two pauses, however fast they go. */
export const DEFAULT_SLICE_DOCUMENTS = 500;

export interface SliceOptions {
  readonly sliceMs?: number;
  readonly sliceDocuments?: number;
  /** Stops applying (the daemon shutting down): the next pause throws `ImportStoppedError`. */
  readonly signal?: AbortSignal;
  /** After each slice, with the documents applied so far and the pauses made. */
  readonly onProgress?: (applied: number, slices: number) => void;
}

/** The import was stopped before it finished; what was stored before stays. */
export class ImportStoppedError extends Error {
  override readonly name = "ImportStoppedError";
}

/**
 * `setImmediate`, not a promise or `nextTick`: the pause must let the event loop poll, so
 * that waiting I/O (HTTP requests, the UDP worker's batches) runs before the next slice.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Wall time since the last pause, for work that is not counted by documents. */
export class TurnClock {
  readonly #sliceMs: number;
  #since = performance.now();

  constructor(sliceMs: number) {
    this.#sliceMs = sliceMs;
  }

  /** Whether `sliceMs` has passed since the last pause. */
  due(): boolean {
    return performance.now() - this.#since >= this.#sliceMs;
  }

  async pause(): Promise<void> {
    await nextTurn();
    this.#since = performance.now();
  }
}
/** How often the clock is read: every this many documents. */
const CLOCK_EVERY = 16;

export class ApplySlices {
  readonly #sliceMs: number;
  readonly #sliceDocuments: number;
  readonly #options: SliceOptions;
  #sliceStart = performance.now();
  #inSlice = 0;
  #applied = 0;
  #slices = 0;

  constructor(options: SliceOptions = {}) {
    this.#options = options;
    this.#sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.#sliceDocuments = options.sliceDocuments ?? DEFAULT_SLICE_DOCUMENTS;
  }

  get slices(): number {
    return this.#slices;
  }

  /** Whether the slice is used up: call before each document, and `pause` when it is. */
  full(): boolean {
    return (
      this.#inSlice >= this.#sliceDocuments ||
      (this.#inSlice > 0 &&
        this.#inSlice % CLOCK_EVERY === 0 &&
        performance.now() - this.#sliceStart >= this.#sliceMs)
    );
  }

  /** Reports progress and lets the event loop run; throws when stopped meanwhile. */
  async pause(): Promise<void> {
    this.#slices++;
    this.#options.onProgress?.(this.#applied, this.#slices);
    await nextTurn();
    this.#inSlice = 0;
    this.#sliceStart = performance.now();
    if (this.#options.signal?.aborted) {
      throw new ImportStoppedError("the import was stopped: the sandbox is shutting down");
    }
  }

  /** Call after each document. */
  applied(): void {
    this.#inSlice++;
    this.#applied++;
  }

  /** Reports the last slice. */
  done(): void {
    this.#options.onProgress?.(this.#applied, this.#slices);
  }
}
