export interface StatusOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const CLEAR_LINE = "\r\u001b[2K";

/**
 * One status line kept at the bottom of a terminal, redrawn in place, with ordinary lines
 * printed above it. Not on a terminal (piped, in CI), the status is printed as a plain line
 * at most every `plainIntervalMs`.
 */
export class StatusLine {
  readonly #out: StatusOutput;
  readonly #plainIntervalMs: number;
  readonly #now: () => number;
  #status = "";
  #lastPlainAt = Number.NEGATIVE_INFINITY;

  constructor(out: StatusOutput, options: { plainIntervalMs?: number; now?: () => number } = {}) {
    this.#out = out;
    this.#plainIntervalMs = options.plainIntervalMs ?? 5000;
    this.#now = options.now ?? Date.now;
  }

  update(status: string): void {
    if (this.#out.isTTY) {
      this.#status = status;
      this.#out.write(`${CLEAR_LINE}${status}`);
      return;
    }
    const now = this.#now();
    if (now - this.#lastPlainAt < this.#plainIntervalMs) return;
    this.#lastPlainAt = now;
    this.#out.write(`${status}\n`);
  }

  /** Prints `line` above the status line. */
  log(line: string): void {
    if (this.#out.isTTY && this.#status !== "") {
      this.#out.write(`${CLEAR_LINE}${line}\n${this.#status}`);
    } else {
      this.#out.write(`${line}\n`);
    }
  }

  /** Leaves the last status on screen (printed once more when not on a terminal). */
  finish(status: string): void {
    if (this.#out.isTTY) this.#out.write(`${CLEAR_LINE}${status}\n`);
    else this.#out.write(`${status}\n`);
    this.#status = "";
  }
}
