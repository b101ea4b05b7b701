import type { Readable } from "node:stream";

/** Keeps the last lines a stream printed, to say why a process failed. */
export class OutputTail {
  readonly #lines: string[] = [];
  readonly #limit: number;
  #partial = "";

  constructor(limit = 20) {
    this.#limit = limit;
  }

  /** Follows `stream`, calling `onLine` (if given) for each complete line. */
  follow(stream: Readable, onLine?: (line: string) => void): void {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (this.#partial + chunk).split("\n");
      this.#partial = parts.pop() ?? "";
      for (const line of parts) this.#push(line, onLine);
    });
    stream.on("end", () => {
      if (this.#partial !== "") this.#push(this.#partial, onLine);
      this.#partial = "";
    });
  }

  lines(): readonly string[] {
    return this.#partial === "" ? [...this.#lines] : [...this.#lines, this.#partial];
  }

  #push(line: string, onLine?: (line: string) => void): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#limit) this.#lines.shift();
    onLine?.(line);
  }
}
