/**
 * Java stack traces (`Throwable.printStackTrace`), also used for PHP (collector
 * `fillJavaStacktrace`): `\tat <class>.<method>(<file>:<line>)` frames, a module or class
 * loader prefix (`java.base/`) removed from the label, `Caused by: <type>: <message>` starting
 * the next exception (its message may run over several lines). `... n more` and
 * `Suppressed:` blocks are skipped.
 */

import { addCause, lineNumber, type ParsedException, textLines } from "./parsed-exception.ts";

const FRAME_PREFIX = "\tat ";
const CAUSED_BY = "Caused by: ";

export function parseJavaStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const lines = textLines(stacktrace);
  let current = chain[0];
  if (current === undefined) return;
  let index = 1;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (line.startsWith(FRAME_PREFIX)) {
      const paren = line.indexOf("(");
      if (paren >= 0 && line.endsWith(")")) {
        let label = line.slice(FRAME_PREFIX.length, paren);
        label = label.slice(label.indexOf("/") + 1);
        let path = line.slice(paren + 1, -1);
        let number = 0;
        const colon = path.indexOf(":");
        if (colon >= 0) {
          number = lineNumber(path.slice(colon + 1));
          path = path.slice(0, colon);
        }
        current.stack.push({ path, label, line: number });
      }
    } else if (line.startsWith(CAUSED_BY)) {
      let type = line.slice(CAUSED_BY.length);
      let message = "";
      const colon = type.indexOf(":");
      if (colon >= 0) {
        message = type.slice(colon + 2);
        type = type.slice(0, colon);
      }
      index++;
      while (index < lines.length && !isFrame(lines[index] ?? "")) {
        message += lines[index];
        index++;
      }
      current = addCause(chain, type, message);
      continue;
    }
    index++;
  }
}

function isFrame(line: string): boolean {
  return line.startsWith(FRAME_PREFIX) && line.includes("(") && line.endsWith(")");
}
