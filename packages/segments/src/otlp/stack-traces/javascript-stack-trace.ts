/**
 * V8 stack traces (collector `fillJavaScriptStacktrace`): `    at <label> (<path>:<line>:<col>)`
 * or `    at <path>:<line>:<col>`; `native` frames keep the path `native`. The label keeps
 * the space before the parenthesis, as the collector's does.
 */

import { lineNumber, type ParsedException, textLines } from "./parsed-exception.ts";

const FRAME_PREFIX = "    at ";

export function parseJavaScriptStackTrace(stacktrace: string, chain: ParsedException[]): void {
  const current = chain[0];
  if (current === undefined) return;
  for (const line of textLines(stacktrace).slice(1)) {
    if (!line.startsWith(FRAME_PREFIX)) continue;
    const paren = line.indexOf("(");
    let label = "";
    let path = "";
    if (paren >= 0 && line.endsWith(")")) {
      label = line.slice(FRAME_PREFIX.length, paren);
      path = line.slice(paren + 1, -1);
    } else if (paren < 0) {
      path = line.slice(FRAME_PREFIX.length);
    }
    let number = 0;
    const firstColon = path.indexOf(":");
    const secondColon = firstColon < 0 ? -1 : path.indexOf(":", firstColon + 1);
    if (firstColon >= 0 && secondColon >= 0) {
      number = lineNumber(path.slice(firstColon + 1, secondColon));
      path = path.slice(0, firstColon);
    } else if (firstColon < 0 && path.includes("native")) {
      path = "native";
    }
    if (path !== "" || label !== "" || number !== 0)
      current.stack.push({ path, label, line: number });
  }
}
