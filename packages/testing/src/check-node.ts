/** The search and comparison behind `assertSubsegment` and the `toHave…` matchers. */

import type { TraceNode } from "@xray-sandbox/segments";
import { formatValue } from "./format-value.ts";
import type { NodeExpectation } from "./node-expectation.ts";
import { findMismatches, type Mismatch } from "./partial-match.ts";
import type { TraceTree } from "./records.ts";
import { closestName } from "./text-distance.ts";
import { formatTree, type PlacedNode, placedNodes } from "./trace-tree.ts";

export type NodeKind = "segment" | "subsegment";

export interface NodeCheck {
  readonly pass: boolean;
  /** The node that matched, or the closest one named so when none did. */
  readonly node: TraceNode | undefined;
  /** Why the positive assertion fails (meaningful when `pass` is false). */
  readonly failure: string;
  /** Why the negated assertion fails (meaningful when `pass` is true). */
  readonly found: string;
}

/**
 * Looks for a `kind` named `name` in `tree` matching `expected`. `where` names the tree in
 * messages ("trace 1-…").
 */
export function checkNode(
  tree: TraceTree,
  kind: NodeKind,
  name: string,
  expected: NodeExpectation | undefined,
  where = `trace ${tree.id}`,
): NodeCheck {
  const placed = placedNodes(tree);
  const candidates = placed.filter(({ node }) => node.kind === kind && node.document.name === name);
  const scored = candidates.map((candidate) => ({
    candidate,
    mismatches: expected ? findMismatches(candidate.node.document, expected) : [],
  }));
  const match = scored.find(({ mismatches }) => mismatches.length === 0);
  const matching = expected ? ` matching ${formatValue(expected)}` : "";

  if (match) {
    const { node, path } = match.candidate;
    return {
      pass: true,
      node,
      failure: "",
      found: `${where} has a ${kind} named ${JSON.stringify(name)}${matching} (${pathText(path)})\n\n${formatTree(tree, node, where)}`,
    };
  }
  const found = `${where} has no ${kind} named ${JSON.stringify(name)}${matching}`;
  const closest = scored.reduce<(typeof scored)[number] | undefined>(
    (best, item) => (!best || item.mismatches.length < best.mismatches.length ? item : best),
    undefined,
  );
  if (!closest) {
    return {
      pass: false,
      node: undefined,
      failure: `${notFound(placed, kind, name, where)}\n\n${formatTree(tree, undefined, where)}`,
      found,
    };
  }
  const heading =
    candidates.length === 1
      ? `${kind} ${JSON.stringify(name)} in ${where} does not match:`
      : `${candidates.length} ${kind}s in ${where} are named ${JSON.stringify(name)} and none matches; the closest (${pathText(closest.candidate.path)}) differs in:`;
  return {
    pass: false,
    node: closest.candidate.node,
    failure: `${heading}\n${mismatchLines(closest.mismatches)}\n\n${formatTree(tree, closest.candidate.node, where)}`,
    found,
  };
}

export function mismatchLines(mismatches: readonly Mismatch[]): string {
  return mismatches
    .map(
      ({ path, expected, actual }) =>
        `  ${path}: expected ${formatValue(expected)}, received ${formatValue(actual)}`,
    )
    .join("\n");
}

function notFound(
  placed: readonly PlacedNode[],
  kind: NodeKind,
  name: string,
  where: string,
): string {
  const text = `no ${kind} named ${JSON.stringify(name)} in ${where}`;
  const other = placed.find(({ node }) => node.kind !== kind && node.document.name === name);
  if (other) {
    const helper = other.node.kind === "segment" ? "Segment" : "Subsegment";
    return `${text}: ${JSON.stringify(name)} is a ${other.node.kind}, not a ${kind} (use find${helper}, assert${helper} or toHave${helper})`;
  }
  const names = new Set(
    placed.filter(({ node }) => node.kind === kind).map(({ node }) => node.document.name),
  );
  const suggestion = closestName(name, names);
  return suggestion === undefined ? text : `${text}; did you mean ${JSON.stringify(suggestion)}?`;
}

function pathText(path: readonly string[]): string {
  return path.join(" > ");
}
