/**
 * Python tracebacks (collector `fillPythonStacktrace`), read from the bottom up because the
 * innermost frame is printed last: `  File "<path>", line <n>, in <label>` frames, and
 * `During handling of the above exception, another exception occurred:` separating an
 * exception from the one it was raised while handling (which becomes its cause).
 */

import { addCause, lineNumber, type ParsedException } from "./parsed-exception.ts";

const FILE_PREFIX = "  File ";
const DURING_HANDLING = "During handling of the above exception, another exception occurred:";

export function parsePythonStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const lines = stacktrace.split("\n");
  let current = chain[0];
  let index = lines.length - 2;
  while (current !== undefined && index >= 0) {
    const line = lines[index] ?? "";
    if (line.startsWith(FILE_PREFIX)) {
      const parts = line.split(",");
      if (parts.length === 3) {
        const [file = "", where = "", label = ""] = parts;
        current.stack.push({
          path: file.slice(8, -1),
          line: where.startsWith(" line ") ? lineNumber(where.slice(6)) : 0,
          label: label.startsWith(" in ") ? label.slice(4) : "",
        });
      }
    } else if (line.startsWith(DURING_HANDLING)) {
      let fileLine = index - 1;
      while (fileLine >= 0 && !(lines[fileLine] ?? "").startsWith(FILE_PREFIX)) fileLine--;
      if (fileLine < 0) return;
      const message = lines.slice(fileLine + 2, index - 1).join("\n");
      const colon = message.indexOf(":");
      if (colon < 0) return;
      current = addCause(chain, message.slice(0, colon), message.slice(colon + 2));
      index = fileLine;
      continue;
    }
    index--;
  }
}
