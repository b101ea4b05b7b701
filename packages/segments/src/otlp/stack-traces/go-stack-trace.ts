/**
 * Go stack traces (`runtime/debug.Stack`, collector `fillGoStacktrace`): a function line then
 * a `\t<path>:<line> +0x…` line per frame; `goroutine N [running]:` headers are skipped. A
 * frame without a location repeats the last location seen, as the collector's does.
 */

import { lineNumber, type ParsedException, textLines } from "./parsed-exception.ts";

const RUNNING = /\brunning\b/;
const DIGIT = /\d/;
const PATH_END = /[:\s]/;

export function parseGoStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const current = chain[0];
  if (current === undefined) return;
  const lines = textLines(stacktrace);
  let path = "";
  let number = 0;
  let index = 1;
  while (index < lines.length) {
    if (isGoroutineHeader(lines[index] ?? "")) index++;
    const label = lines[index] ?? "";
    const location = fileLocation(lines[index + 1] ?? "");
    if (location !== undefined) {
      path = location.path;
      number = location.line;
    }
    current.stack.push({ path, label, line: number });
    index += 2;
  }
}

/** `goroutine N [running]:` (the collector's `^goroutine.*\brunning\b.*:$`). */
function isGoroutineHeader(line: string): boolean {
  return line.startsWith("goroutine") && line.endsWith(":") && RUNNING.test(line);
}

/**
 * The first `<path>:<line>` in `line` (the collector's `([^:\s]+):(\d+)`), found in one pass
 * so that a long line without one costs no more than reading it.
 */
function fileLocation(line: string): { path: string; line: number } | undefined {
  let runStart = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (!PATH_END.test(char)) continue;
    if (char === ":" && i > runStart && DIGIT.test(line.charAt(i + 1))) {
      let end = i + 1;
      while (end < line.length && DIGIT.test(line.charAt(end))) end++;
      return { path: line.slice(runStart, i), line: lineNumber(line.slice(i + 1, end)) };
    }
    runStart = i + 1;
  }
  return undefined;
}
