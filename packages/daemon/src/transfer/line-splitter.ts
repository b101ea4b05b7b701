/**
 * Splits a byte stream into lines without holding more than one line: the bytes of a line
 * that spans chunks are kept until its newline comes, up to `maxLineBytes`.
 */

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A line longer than the bound: nothing of it is kept. */
export class LineTooLongError extends Error {
  override readonly name = "LineTooLongError";
  /** 1-based. */
  readonly line: number;
  readonly maxLineBytes: number;

  constructor(line: number, maxLineBytes: number) {
    super(
      `line ${line} is longer than ${formatLimit(maxLineBytes)}; an import file holds one record or document per line`,
    );
    this.line = line;
    this.maxLineBytes = maxLineBytes;
  }
}

/** Called with each line (without its `\n` or `\r\n`) and its 1-based number. */
export type OnLine = (bytes: Buffer, number: number) => void;

export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #lines = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Lines completed so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Throws `LineTooLongError` when a line passes the bound. */
  push(chunk: Uint8Array, onLine: OnLine): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end === -1) break;
      const piece = bytes.subarray(start, end);
      if (this.#pendingBytes + piece.length > this.#maxLineBytes) this.#tooLong();
      const line = this.#pending.length === 0 ? piece : Buffer.concat([...this.#pending, piece]);
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#emit(line, onLine);
      start = end + 1;
    }
    if (start < bytes.length) {
      const rest = bytes.subarray(start);
      if (this.#pendingBytes + rest.length > this.#maxLineBytes) this.#tooLong();
      // A copy: the caller may reuse the chunk's memory.
      this.#pending.push(Buffer.from(rest));
      this.#pendingBytes += rest.length;
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(onLine: OnLine): void {
    if (this.#pending.length === 0) return;
    const line = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#emit(line, onLine);
  }

  #emit(line: Buffer, onLine: OnLine): void {
    this.#lines++;
    const trimmed =
      line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN
        ? line.subarray(0, line.length - 1)
        : line;
    onLine(trimmed, this.#lines);
  }

  #tooLong(): never {
    throw new LineTooLongError(this.#lines + 1, this.#maxLineBytes);
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`;
}
