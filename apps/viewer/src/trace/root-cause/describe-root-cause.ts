/**
 * The root cause the trace view points at: the first fault root cause, else the first error
 * root cause (the rule of `GetTraceSummaries`, see the segments README), with the node it
 * ends at.
 */

import {
  type AssembledTrace,
  rootCauseNodes,
  type TraceDetailBody,
  type TraceNode,
  traceRootCauses,
} from "@xray-sandbox/segments";

export interface ShownRootCause {
  readonly kind: "fault" | "error";
  /** The node the root cause ends at: where the fault or error originated. */
  readonly node: TraceNode;
  /** The service that node belongs to. */
  readonly service: string;
  /** The service it called that sent nothing (a DynamoDB table, a remote API), if so. */
  readonly inferred: string | undefined;
  /** The first exception recorded there, `Name: Message`. */
  readonly exception: string | undefined;
  /** More root causes of the same kind besides this one. */
  readonly more: number;
}

export function describeRootCause(body: TraceDetailBody): ShownRootCause | undefined {
  const trace: AssembledTrace = {
    id: body.id,
    segments: body.segments,
    orphans: body.orphans,
    documents: [],
  };
  const nodes = rootCauseNodes(trace);
  const kind = nodes.faults.length > 0 ? "fault" : nodes.errors.length > 0 ? "error" : undefined;
  if (kind === undefined) return undefined;
  const causes = traceRootCauses(trace);
  const [node] = kind === "fault" ? nodes.faults : nodes.errors;
  const [cause] = kind === "fault" ? causes.FaultRootCauses : causes.ErrorRootCauses;
  if (node === undefined || cause === undefined) return undefined;
  const last = cause.Services.at(-1);
  const inferred = last?.Inferred === true ? last : undefined;
  const service =
    (inferred === undefined ? last : cause.Services.at(-2))?.Name ?? node.document.name;
  const recorded = last?.EntityPath.at(-1)?.Exceptions[0];
  return {
    kind,
    node,
    service,
    inferred: inferred?.Name,
    exception:
      recorded === undefined
        ? undefined
        : [recorded.Name, recorded.Message].filter((part) => part !== "").join(": ") || undefined,
    more: (kind === "fault" ? nodes.faults.length : nodes.errors.length) - 1,
  };
}

/** The id of the timeline row showing `node`, if it has one. */
export function rowIdOf(
  nodes: ReadonlyMap<string, TraceNode>,
  node: TraceNode,
): string | undefined {
  for (const [id, candidate] of nodes) if (candidate === node) return id;
  return undefined;
}

/** A CSS string's content: `"` and `\` escaped, line breaks as escapes. */
export function cssString(text: string): string {
  return text
    .replace(/[\\"]/g, "\\$&")
    .replace(/[\n\r\f]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `);
}
