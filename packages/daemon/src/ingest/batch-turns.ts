/**
 * At most one batch applied per turn of the event loop. Node hands over every message the
 * worker has queued in one go; when the main thread was busy (an import's slice, a GC pause)
 * several full batches are waiting, and applying them back to back kept HTTP requests
 * waiting for all of them. The first is applied at once, the rest one a turn, in order.
 */
export type ApplyBatch<S> = (
  state: S,
  buffer: ArrayBuffer,
  length: number,
  senders: readonly string[],
) => void;

export class BatchTurns<S> {
  readonly #apply: ApplyBatch<S>;
  readonly #waiting: [S, ArrayBuffer, number, readonly string[]][] = [];
  #scheduled = false;

  constructor(apply: ApplyBatch<S>) {
    this.#apply = apply;
  }

  add(state: S, buffer: ArrayBuffer, length: number, senders: readonly string[]): void {
    if (this.#scheduled) {
      this.#waiting.push([state, buffer, length, senders]);
      return;
    }
    this.#apply(state, buffer, length, senders);
    this.#scheduled = true;
    setImmediate(this.#next);
  }

  readonly #next = (): void => {
    const batch = this.#waiting.shift();
    if (batch === undefined) {
      this.#scheduled = false;
      return;
    }
    this.#apply(...batch);
    setImmediate(this.#next);
  };
}
