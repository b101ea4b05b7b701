/**
 * Go stack traces (`runtime/debug.Stack`, collector `fillGoStacktrace`): a function line then
 * a `\t<path>:<line> +0x…` line per frame; `goroutine N [running]:` headers are skipped. A
 * frame without a location repeats the last location seen, as the collector's does.
 */

import { lineNumber, type ParsedException, textLines } from "./parsed-exception.ts";

const LOCATION = /([^:\s]+):(\d+)/;
const GOROUTINE = /^goroutine.*\brunning\b.*:$/;

export function parseGoStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const current = chain[0];
  if (current === undefined) return;
  const lines = textLines(stacktrace);
  let path = "";
  let number = 0;
  let index = 1;
  while (index < lines.length) {
    if (GOROUTINE.test(lines[index] ?? "")) index++;
    const label = lines[index] ?? "";
    const match = LOCATION.exec(lines[index + 1] ?? "");
    if (match !== null) {
      path = match[1] ?? "";
      number = lineNumber(match[2] ?? "");
    }
    current.stack.push({ path, label, line: number });
    index += 2;
  }
}
