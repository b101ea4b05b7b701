/**
 * `cause` as X-Ray takes it: an object (with `exceptions`), or the 16-hex id of an exception
 * recorded in another subsegment. X-Ray's own model (and the OpenTelemetry collector's) refuses
 * a document with any other `cause`, so the sandbox refuses it too, in the document itself and
 * in the subsegments it embeds. `null` counts as no cause (a warning says so).
 */

import { describeValue } from "./describe-value.ts";
import { fieldPath, indexPath } from "./json-path.ts";
import { isSegmentId } from "./units.ts";

/** Why a `cause` in `document` or its embedded subsegments is refused, or undefined. */
export function causeProblem(document: Readonly<Record<string, unknown>>): string | undefined {
  const stack: Array<{ node: Readonly<Record<string, unknown>>; path: string }> = [
    { node: document, path: "" },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    const cause = node.cause;
    if (!acceptableCause(cause)) {
      return `"${fieldPath(path, "cause")}" is ${describeValue(cause)}, expected an object with "exceptions" or the 16-hex id of an exception`;
    }
    const subsegments = node.subsegments;
    if (!Array.isArray(subsegments)) continue;
    const listPath = fieldPath(path, "subsegments");
    for (let i = subsegments.length - 1; i >= 0; i--) {
      const child: unknown = subsegments[i];
      if (typeof child === "object" && child !== null && !Array.isArray(child)) {
        stack.push({ node: child as Record<string, unknown>, path: indexPath(listPath, i) });
      }
    }
  }
  return undefined;
}

function acceptableCause(cause: unknown): boolean {
  if (cause === undefined || cause === null) return true;
  if (typeof cause === "string") return isSegmentId(cause);
  return typeof cause === "object" && !Array.isArray(cause);
}
