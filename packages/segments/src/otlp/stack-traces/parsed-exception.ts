/**
 * What the stack trace parsers give (collector `cause.go`): the exception the event named,
 * its frames, and the exceptions that caused it, outermost first. Each parser is a port of
 * the collector's `fill<Language>Stacktrace` and, like it, never fails: lines it does not
 * recognise are skipped.
 */

export interface ParsedFrame {
  readonly path: string;
  readonly label: string;
  readonly line: number;
}

export interface ParsedException {
  readonly type: string;
  readonly message: string;
  readonly stack: ParsedFrame[];
}

/** Reads `stacktrace` into `chain[0].stack` and appends the causes it finds to `chain`. */
export type StackTraceParser = (stacktrace: string, chain: ParsedException[]) => void;

/**
 * The lines of `text` as Go's `textproto.Reader.ReadLine` returns them: split on `\n`, a
 * trailing `\r` removed, no empty line after a final newline.
 */
export function textLines(text: string): string[] {
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** Go's `strconv.Atoi` as the parsers use it: decimal digits with an optional sign, else 0. */
export function lineNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) return 0;
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? value : 0;
}

/** A new exception appended to `chain`: the cause of the one before it. */
export function addCause(chain: ParsedException[], type: string, message: string): ParsedException {
  const cause: ParsedException = { type, message, stack: [] };
  chain.push(cause);
  return cause;
}
