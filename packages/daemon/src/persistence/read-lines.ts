import { readSync } from "node:fs";

export interface FileLine {
  /** 1-based. */
  readonly number: number;
  /** Byte offset of the line's first byte in the file. */
  readonly start: number;
  /** Without its `\n`. */
  readonly text: string;
  /** False only for a last line with no `\n` after it. */
  readonly terminated: boolean;
}

const NEWLINE = 0x0a;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * The lines of an open file, read in chunks from offset 0 so that a log larger than memory
 * allows for one string can still be replayed.
 */
export function* readLines(fd: number, chunkBytes = DEFAULT_CHUNK_BYTES): Generator<FileLine> {
  let buffer = Buffer.alloc(chunkBytes);
  /** File offset of `buffer[0]`. */
  let base = 0;
  let filled = 0;
  let number = 0;
  for (;;) {
    if (filled === buffer.length) {
      const larger = Buffer.alloc(buffer.length * 2);
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    const read = readSync(fd, buffer, filled, buffer.length - filled, base + filled);
    if (read === 0) {
      if (filled > 0) {
        number++;
        yield { number, start: base, text: buffer.toString("utf8", 0, filled), terminated: false };
      }
      return;
    }
    const scanFrom = filled;
    filled += read;
    let lineStart = 0;
    let newline = buffer.indexOf(NEWLINE, scanFrom);
    while (newline !== -1 && newline < filled) {
      number++;
      yield {
        number,
        start: base + lineStart,
        text: buffer.toString("utf8", lineStart, newline),
        terminated: true,
      };
      lineStart = newline + 1;
      newline = buffer.indexOf(NEWLINE, lineStart);
    }
    if (lineStart > 0) {
      buffer.copyWithin(0, lineStart, filled);
      filled -= lineStart;
      base += lineStart;
    }
  }
}
