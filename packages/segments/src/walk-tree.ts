/**
 * Depth-first walks over a trace's tree that keep their place on an explicit stack, not the
 * call stack: a chain of independent subsegments, each the parent of the next, is legal and
 * may be many thousands of nodes deep.
 */

import type { TraceNode } from "./trace.ts";

/**
 * Calls `visit` on every node under `roots` (the roots included), depth-first in tree order,
 * with its depth (0 for a root). When `visit` returns false the node's children are skipped.
 */
export function walkTree(
  roots: readonly TraceNode[],
  visit: (node: TraceNode, depth: number) => unknown,
): void {
  const nodes: TraceNode[] = [];
  const depths: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i];
    if (root === undefined) continue;
    nodes.push(root);
    depths.push(0);
  }
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = depths.pop() ?? 0;
    if (visit(node, depth) === false) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child === undefined) continue;
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
}
