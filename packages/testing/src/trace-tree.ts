/** Finding nodes in a trace's tree, and drawing the tree for failure messages. */

import { boundedPath, type TraceNode } from "@xray-sandbox/segments";
import type { TraceTree } from "./records.ts";

export interface PlacedNode {
  readonly node: TraceNode;
  /**
   * Names from the top of the tree down to this node; past 32 levels the top, `… N levels …`,
   * then the nearest 30.
   */
  readonly path: readonly string[];
  readonly depth: number;
  readonly orphan: boolean;
}

/** A node where the walk found it: its path is read from the parents when asked for. */
class Placed implements PlacedNode {
  readonly node: TraceNode;
  readonly depth: number;
  readonly orphan: boolean;
  readonly #parent: Placed | undefined;

  constructor(node: TraceNode, parent: Placed | undefined, orphan: boolean) {
    this.node = node;
    this.#parent = parent;
    this.depth = parent === undefined ? 0 : parent.depth + 1;
    this.orphan = orphan;
  }

  get path(): readonly string[] {
    const names: string[] = [];
    for (let at: Placed | undefined = this; at !== undefined; at = at.#parent) {
      names.push(at.node.document.name);
    }
    return boundedPath(names.reverse());
  }
}

/**
 * Every node, depth-first in tree order: the segments' trees, then the orphans'. Walked on an
 * explicit stack: a chain of streamed subsegments may be thousands of levels deep.
 */
export function placedNodes(trace: TraceTree): PlacedNode[] {
  const placed: PlacedNode[] = [];
  const walk = (roots: readonly TraceNode[], orphan: boolean): void => {
    const stack: Placed[] = [];
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i];
      if (root) stack.push(new Placed(root, undefined, orphan));
    }
    for (let item = stack.pop(); item; item = stack.pop()) {
      placed.push(item);
      const { children } = item.node;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push(new Placed(child, item, orphan));
      }
    }
  };
  walk(trace.segments, false);
  walk(trace.orphans, true);
  return placed;
}

/** Every segment and subsegment of the trace, depth-first in tree order (orphans last). */
export function allNodes(trace: TraceTree): TraceNode[] {
  return placedNodes(trace).map((placed) => placed.node);
}

/** The first segment (a service's top-level record) named `name`. */
export function findSegment(trace: TraceTree, name: string): TraceNode | undefined {
  return trace.segments.find((node) => node.document.name === name);
}

/** The first subsegment named `name`, depth-first in tree order. */
export function findSubsegment(trace: TraceTree, name: string): TraceNode | undefined {
  return allNodes(trace).find((node) => node.kind === "subsegment" && node.document.name === name);
}

const MAX_TREE_LINES = 40;

/** The indented tree of names, with HTTP calls and flags; `mark` points at one node. */
export function formatTree(
  trace: TraceTree,
  mark?: TraceNode,
  title = `trace ${trace.id}`,
): string {
  const placed = placedNodes(trace);
  const lines = [`${title}:`];
  if (placed.length === 0) lines.push("  (no segments)");
  let orphanHeading = false;
  for (const [index, { node, depth, orphan }] of placed.entries()) {
    if (index === MAX_TREE_LINES) {
      lines.push(`  … and ${placed.length - MAX_TREE_LINES} more`);
      const marked = mark && placed.slice(index).find((entry) => entry.node === mark);
      if (marked) {
        lines.push(`  among them, on ${marked.path.join(" > ")}:`);
        lines.push(`    ${nodeLabel(marked.node)}   ← this one`);
      }
      break;
    }
    if (orphan && !orphanHeading) {
      lines.push("  waiting for their parent:");
      orphanHeading = true;
    }
    const indent = "  ".repeat(depth + (orphan ? 2 : 1));
    const parent = orphan && depth === 0 && node.parentId ? ` (parent ${node.parentId})` : "";
    lines.push(`${indent}${nodeLabel(node)}${parent}${node === mark ? "   ← this one" : ""}`);
  }
  return lines.join("\n");
}

/** `name (segment) [remote] GET http://x/y → 503 [fault]` */
export function nodeLabel(node: TraceNode): string {
  const { document } = node;
  const parts = [document.name];
  if (node.kind === "segment") parts.push("(segment)");
  if (typeof document.namespace === "string") parts.push(`[${document.namespace}]`);
  const http = httpText(document.http);
  if (http) parts.push(http);
  const flags = flagsOf(node);
  if (flags.length > 0) parts.push(`[${flags.join(", ")}]`);
  return parts.join(" ");
}

export function flagsOf(node: TraceNode): string[] {
  const { document } = node;
  const flags: string[] = [];
  if (document.fault === true) flags.push("fault");
  if (document.error === true) flags.push("error");
  if (document.throttle === true) flags.push("throttle");
  if (document.in_progress === true) flags.push("in progress");
  return flags;
}

function httpText(http: TraceNode["document"]["http"]): string | undefined {
  const method = http?.request?.method;
  const url = http?.request?.url;
  const status = http?.response?.status;
  if (method === undefined && url === undefined && status === undefined) return undefined;
  const call = [method, url].filter((part) => part !== undefined).join(" ");
  return status === undefined ? call : `${call} → ${status}`.trim();
}
