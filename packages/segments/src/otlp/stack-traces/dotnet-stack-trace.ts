/**
 * .NET stack traces (collector `fillDotnetStacktrace`): `at <method>(<args>) in <path>:line <n>`
 * frames, or `at <method>(<args>)` without a file. Inner-exception separators are skipped.
 */

import { lineNumber, type ParsedException, textLines } from "./parsed-exception.ts";

const FRAME_PREFIX = "at ";
const IN = " in ";

export function parseDotnetStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const current = chain[0];
  if (current === undefined) return;
  for (const rawLine of textLines(stacktrace).slice(1)) {
    const line = rawLine.trim();
    if (!line.startsWith(FRAME_PREFIX)) continue;
    if (line.includes(IN)) {
      const [method = "", location = ""] = line.split(IN);
      let path = location;
      let number = 0;
      const colon = location.lastIndexOf(":");
      if (colon >= 0) {
        let text = location.slice(colon + 1);
        if (text.startsWith("line")) text = text.slice(5);
        path = location.slice(0, colon);
        number = lineNumber(text);
      }
      current.stack.push({ path, label: method.slice(FRAME_PREFIX.length), line: number });
    } else {
      const close = line.lastIndexOf(")");
      if (close >= 0) {
        current.stack.push({
          path: "",
          label: line.slice(FRAME_PREFIX.length, close + 1),
          line: 0,
        });
      }
    }
  }
}
