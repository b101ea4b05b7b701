/** Problems as detectors report them: the catalogue's text filled in, the sender's fix first. */

import type { DoctorNode } from "./doctor-nodes.ts";
import { explanationOf } from "./explanations.ts";
import {
  type ProblemCode,
  type ProblemFix,
  type ProblemSeverity,
  SDK_NAMES,
  type SdkName,
  type TraceProblem,
} from "./problem.ts";

/** The fix with `first` (the SDK that sent the document) listed first. */
export function orderedFix(fix: ProblemFix, first: SdkName | undefined): ProblemFix {
  const ordered: Partial<Record<SdkName, string>> = {};
  if (first !== undefined && fix[first] !== undefined) ordered[first] = fix[first];
  for (const sdk of SDK_NAMES) {
    const text = fix[sdk];
    if (text !== undefined && ordered[sdk] === undefined) ordered[sdk] = text;
  }
  return ordered;
}

/** One problem of `code`, about `node` when given. */
export function problemOf(
  code: ProblemCode,
  message: string,
  node?: DoctorNode,
  severity?: ProblemSeverity,
): TraceProblem {
  const explanation = explanationOf(code);
  const sdk = node?.sdk;
  return {
    code,
    severity: severity ?? explanation.severity,
    title: explanation.title,
    message,
    ...(node === undefined
      ? {}
      : { nodeId: String(node.document.id), nodeName: String(node.document.name) }),
    ...(sdk === undefined ? {} : { sdk }),
    fix: orderedFix(explanation.fix, sdk),
    why: explanation.why,
  };
}

/** Where detectors put what they find. */
export type ProblemSink = (problem: TraceProblem) => void;

/** `"name"` for messages. */
export function quoted(value: unknown): string {
  return JSON.stringify(String(value));
}

/** `subsegment "name"` or `segment "name"`. */
export function nodeLabel(entry: DoctorNode): string {
  return `${entry.node.kind} ${quoted(entry.document.name)}`;
}
