/** Assertion helpers that work with any test runner: they throw a readable error, or return the node. */

import type { TraceNode } from "@xray-sandbox/segments";
import { checkNode, type NodeKind } from "./check-node.ts";
import { TraceAssertionError } from "./errors.ts";
import type { NodeExpectation } from "./node-expectation.ts";
import type { TraceTree } from "./records.ts";

/**
 * Asserts the trace has a subsegment named `name` whose document matches `expected` (partial,
 * deep) and returns it. On failure the error shows the trace's tree, the nearest name when
 * none is called so, and expected vs received for each field that differs.
 */
export function assertSubsegment(
  trace: TraceTree,
  name: string,
  expected?: NodeExpectation,
): TraceNode {
  return assertNode(trace, "subsegment", name, expected);
}

/** As `assertSubsegment`, for a segment: the top-level record of one service. */
export function assertSegment(
  trace: TraceTree,
  name: string,
  expected?: NodeExpectation,
): TraceNode {
  return assertNode(trace, "segment", name, expected);
}

function assertNode(
  trace: TraceTree,
  kind: NodeKind,
  name: string,
  expected: NodeExpectation | undefined,
): TraceNode {
  const check = checkNode(trace, kind, name, expected);
  if (!check.pass || !check.node) throw new TraceAssertionError(check.failure);
  return check.node;
}
