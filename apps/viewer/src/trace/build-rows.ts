/**
 * The timeline's rows: a pure function from the assembled trace and the set of collapsed rows
 * to a flat list the render layer maps to components one to one.
 *
 * Documents come from SDKs and are only leniently validated, so every field is read as
 * untrusted: a missing name, a non-numeric time or a `parent_id` loop must not break the view.
 */

import {
  type EpochSeconds,
  isPlausibleEpochSeconds,
  type Seconds,
  type SegmentDocument,
  type SubsegmentDocument,
  type TraceNode,
  timeProblems,
} from "@xray-sandbox/segments";

export type RowStatus = "ok" | "error" | "throttle" | "fault";
export type RowNamespace = "remote" | "aws" | "sql";
export type RowSection = "trace" | "orphans";

export interface TimelineRow {
  /** Unique among the rows: the document id (suffixed if a malformed trace repeats one). */
  readonly id: string;
  readonly node: TraceNode;
  readonly depth: number;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  /** Seconds from the trace's start to this node's start. */
  readonly start: Seconds;
  /** Seconds from the trace's start to this node's end; the trace's end while in progress. */
  readonly end: Seconds;
  /**
   * `end_time - start_time`; undefined while in progress, and when a time is one no clock
   * gives or the end comes before the start (`timeWarning` says which).
   */
  readonly duration: Seconds | undefined;
  readonly inProgress: boolean;
  /** What is impossible about the node's times as sent, when something is. */
  readonly timeWarning: string | undefined;
  readonly status: RowStatus;
  readonly namespace: RowNamespace | undefined;
  readonly httpStatus: number | undefined;
  readonly hasChildren: boolean;
  readonly collapsed: boolean;
  /** How many rows a collapsed row hides (0 when expanded). */
  readonly hidden: number;
  /** The service this row belongs to: its nearest segment's name (undefined above the first). */
  readonly segmentName: string | undefined;
  readonly parentRowId: string | undefined;
  /** `trace` for the assembled tree, `orphans` for subtrees whose parent has not arrived. */
  readonly section: RowSection;
  /** A segment (a service's part of the trace), or the first orphan: a new section starts. */
  readonly sectionStart: boolean;
}

export interface TimelineModel {
  readonly rows: readonly TimelineRow[];
  /** Earliest start of any node. */
  readonly start: EpochSeconds;
  /** Latest end (or start, for nodes still in progress) of any node. */
  readonly end: EpochSeconds;
  readonly duration: Seconds;
  /** Every row id that has children, collapsed or not (what "collapse all" collapses). */
  readonly parentIds: readonly string[];
  /** Every node by row id, shown or under a collapsed row. */
  readonly nodes: ReadonlyMap<string, TraceNode>;
  /** The row id above each row id in the display tree (to reveal a node hidden by a collapse). */
  readonly parentOf: ReadonlyMap<string, string>;
  readonly nodeCount: number;
  readonly orphanCount: number;
}

export interface TraceTree {
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}

/** The parts of the model that do not depend on what is collapsed. */
interface Layout {
  readonly traceRoots: readonly TraceNode[];
  readonly orphanRoots: readonly TraceNode[];
  readonly children: ReadonlyMap<TraceNode, readonly TraceNode[]>;
  readonly facts: ReadonlyMap<TraceNode, NodeFacts>;
  readonly start: number;
  readonly end: number;
  readonly parentIds: readonly string[];
  readonly nodes: ReadonlyMap<string, TraceNode>;
  readonly parentOf: ReadonlyMap<string, string>;
  readonly nodeCount: number;
  readonly orphanCount: number;
}

interface NodeFacts {
  readonly id: string;
  readonly name: string;
  /** Times a clock can give; others count as unknown for the layout. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  /** `end_time` is a number, plausible or not: the node is not open. */
  readonly ended: boolean;
  readonly inProgress: boolean;
  readonly timeWarning: string | undefined;
  readonly status: RowStatus;
  readonly namespace: RowNamespace | undefined;
  readonly httpStatus: number | undefined;
  /** Counted once the tree is known (written once, in `layoutOf`). */
  descendants: number;
}

const NO_CHILDREN: readonly TraceNode[] = [];
const layouts = new WeakMap<TraceTree, Layout>();

/**
 * Rows in display order: segments earliest first, each followed by its subsegments
 * depth-first; a downstream segment (one whose `parent_id` names a subsegment of this trace)
 * sits under the subsegment that called it; orphans come last in their own section. Rows
 * under a collapsed row are left out. The collapse-independent part is cached per `trace`
 * object, so toggling a row does not redo it.
 */
export function buildRows(trace: TraceTree, collapsed: ReadonlySet<string>): TimelineModel {
  let layout = layouts.get(trace);
  if (!layout) {
    layout = layoutOf(trace);
    layouts.set(trace, layout);
  }
  const rows: TimelineRow[] = [];
  emit(layout, layout.traceRoots, "trace", collapsed, rows);
  emit(layout, layout.orphanRoots, "orphans", collapsed, rows);
  return {
    rows,
    start: layout.start as EpochSeconds,
    end: layout.end as EpochSeconds,
    duration: (layout.end - layout.start) as Seconds,
    parentIds: layout.parentIds,
    nodes: layout.nodes,
    parentOf: layout.parentOf,
    nodeCount: layout.nodeCount,
    orphanCount: layout.orphanCount,
  };
}

function emit(
  layout: Layout,
  roots: readonly TraceNode[],
  section: RowSection,
  collapsed: ReadonlySet<string>,
  rows: TimelineRow[],
): void {
  interface Item {
    node: TraceNode;
    depth: number;
    parentRowId: string | undefined;
    segmentName: string | undefined;
  }
  const { start, end } = layout;
  const stack: Item[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i];
    if (root) stack.push({ node: root, depth: 0, parentRowId: undefined, segmentName: undefined });
  }
  let firstInSection = true;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    const facts = layout.facts.get(node);
    if (!facts) continue;
    const children = layout.children.get(node) ?? NO_CHILDREN;
    const isCollapsed = children.length > 0 && collapsed.has(facts.id);
    const segmentName = node.kind === "segment" ? facts.name : item.segmentName;
    const startOffset = facts.startTime === undefined ? 0 : facts.startTime - start;
    const open = facts.inProgress || !facts.ended;
    const endOffset = open ? end - start : Math.max(startOffset, (facts.endTime ?? start) - start);
    rows.push({
      id: facts.id,
      node,
      depth,
      name: facts.name,
      kind: node.kind,
      start: startOffset as Seconds,
      end: endOffset as Seconds,
      duration:
        open ||
        facts.startTime === undefined ||
        facts.endTime === undefined ||
        facts.endTime < facts.startTime
          ? undefined
          : ((facts.endTime - facts.startTime) as Seconds),
      inProgress: open,
      timeWarning: facts.timeWarning,
      status: facts.status,
      namespace: facts.namespace,
      httpStatus: facts.httpStatus,
      hasChildren: children.length > 0,
      collapsed: isCollapsed,
      hidden: isCollapsed ? facts.descendants : 0,
      segmentName,
      parentRowId: item.parentRowId,
      section,
      sectionStart: node.kind === "segment" || (section === "orphans" && firstInSection),
    });
    firstInSection = false;
    if (isCollapsed) continue;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, depth: depth + 1, parentRowId: facts.id, segmentName });
    }
  }
}

function layoutOf(trace: TraceTree): Layout {
  const index = new Map<string, TraceNode>();
  const facts = new Map<TraceNode, NodeFacts>();
  const nodes = new Map<string, TraceNode>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;

  const all: TraceNode[] = [];
  const scan: TraceNode[] = [...trace.segments, ...trace.orphans];
  for (let node = scan.pop(); node; node = scan.pop()) {
    if (facts.has(node)) continue;
    const document = node.document;
    const rawId = typeof document.id === "string" ? document.id : `#${all.length}`;
    let id = rawId;
    for (let n = 2; nodes.has(id); n++) id = `${rawId}#${n}`;
    nodes.set(id, node);
    if (!index.has(rawId)) index.set(rawId, node);
    const startTime = plausible(document.start_time);
    const endTime = plausible(document.end_time);
    if (startTime !== undefined) {
      start = Math.min(start, startTime);
      end = Math.max(end, startTime);
    }
    if (endTime !== undefined) end = Math.max(end, endTime);
    facts.set(node, {
      id,
      name: typeof document.name === "string" && document.name !== "" ? document.name : "(unnamed)",
      startTime,
      endTime,
      ended: finite(document.end_time) !== undefined,
      inProgress: document.in_progress === true,
      timeWarning: saneTimes(document.start_time, document.end_time, startTime, endTime)
        ? undefined
        : timeProblems(document)[0],
      status: statusOf(document),
      namespace: namespaceOf(document),
      httpStatus: httpStatusOf(document),
      descendants: 0,
    });
    all.push(node);
    for (const child of node.children) scan.push(child);
  }
  if (start > end) {
    start = 0;
    end = 0;
  }

  // Downstream segments hang under the node their parent_id names, when it is in the trace.
  const attached = new Map<TraceNode, TraceNode[]>();
  const hosted = new Set<TraceNode>();
  for (const segment of trace.segments) {
    const parentId = segment.document.parent_id;
    const host = typeof parentId === "string" ? index.get(parentId) : undefined;
    if (!host || host === segment) continue;
    hosted.add(segment);
    const list = attached.get(host);
    if (list) list.push(segment);
    else attached.set(host, [segment]);
  }

  const children = new Map<TraceNode, readonly TraceNode[]>();
  const visited = new Set<TraceNode>();
  const order: TraceNode[] = [];
  const walk = (root: TraceNode): void => {
    visited.add(root);
    const stack = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      order.push(node);
      const extra = attached.get(node);
      const merged = extra ? [...node.children, ...extra].sort(byStart(facts)) : node.children;
      if (merged.length === 0) continue;
      const kept = merged.filter((child) => !visited.has(child));
      for (const child of kept) visited.add(child);
      if (kept.length > 0) children.set(node, kept);
      for (let i = kept.length - 1; i >= 0; i--) {
        const child = kept[i];
        if (child) stack.push(child);
      }
    }
  };

  const traceRoots: TraceNode[] = [];
  for (const segment of trace.segments) {
    if (hosted.has(segment) || visited.has(segment)) continue;
    traceRoots.push(segment);
    walk(segment);
  }
  const orphanRoots: TraceNode[] = [];
  for (const orphan of trace.orphans) {
    if (visited.has(orphan)) continue;
    orphanRoots.push(orphan);
    walk(orphan);
  }
  // Segments whose parent_id chain loops back on itself: each loop starts at its earliest one.
  for (const segment of trace.segments) {
    if (visited.has(segment)) continue;
    traceRoots.push(segment);
    walk(segment);
  }
  traceRoots.sort(byStart(facts));

  const parentIds: string[] = [];
  const parentOf = new Map<string, string>();
  const descendants = new Map<TraceNode, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (!node) continue;
    let count = 0;
    for (const child of children.get(node) ?? NO_CHILDREN)
      count += 1 + (descendants.get(child) ?? 0);
    if (count === 0) continue;
    descendants.set(node, count);
    const nodeFacts = facts.get(node);
    if (!nodeFacts) continue;
    for (const child of children.get(node) ?? NO_CHILDREN) {
      const childId = facts.get(child)?.id;
      if (childId !== undefined) parentOf.set(childId, nodeFacts.id);
    }
    nodeFacts.descendants = count;
    parentIds.push(nodeFacts.id);
  }
  parentIds.reverse();

  let orphanCount = 0;
  for (const root of orphanRoots) orphanCount += 1 + (descendants.get(root) ?? 0);

  return {
    traceRoots,
    orphanRoots,
    children,
    facts,
    start,
    end,
    parentIds,
    nodes,
    parentOf,
    nodeCount: order.length,
    orphanCount,
  };
}

function byStart(facts: ReadonlyMap<TraceNode, NodeFacts>) {
  return (a: TraceNode, b: TraceNode): number =>
    (facts.get(a)?.startTime ?? Number.POSITIVE_INFINITY) -
      (facts.get(b)?.startTime ?? Number.POSITIVE_INFINITY) || 0;
}

type NodeDocument = SegmentDocument | SubsegmentDocument;

/** The worst flag a document carries. */
export function statusOf(document: NodeDocument): RowStatus {
  if (document.fault === true) return "fault";
  if (document.throttle === true) return "throttle";
  if (document.error === true) return "error";
  return "ok";
}

/** `sql` when the document has a `sql` block, else its `remote`/`aws` namespace. */
export function namespaceOf(document: NodeDocument): RowNamespace | undefined {
  if (typeof document.sql === "object" && document.sql !== null) return "sql";
  const namespace: unknown = document.namespace;
  return namespace === "remote" || namespace === "aws" ? namespace : undefined;
}

function httpStatusOf(document: NodeDocument): number | undefined {
  const http: unknown = document.http;
  if (typeof http !== "object" || http === null || !("response" in http)) return undefined;
  const response: unknown = http.response;
  if (typeof response !== "object" || response === null || !("status" in response))
    return undefined;
  return typeof response.status === "number" ? response.status : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Nothing to warn about: each time is plausible or not a number, and the end is not first. */
function saneTimes(
  rawStart: unknown,
  rawEnd: unknown,
  start: number | undefined,
  end: number | undefined,
): boolean {
  if (start === undefined && finite(rawStart) !== undefined) return false;
  if (end === undefined && finite(rawEnd) !== undefined) return false;
  return start === undefined || end === undefined || end >= start;
}

function plausible(value: unknown): number | undefined {
  return isPlausibleEpochSeconds(value) ? value : undefined;
}
