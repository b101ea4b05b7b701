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
  /**
   * How many rows the list has: `rows.length`, or more when only the first rows are built
   * (`buildFirstRows`), which then stand for the first `rows.length` of them.
   */
  readonly rowCount: number;
}

export interface TraceTree {
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}

/**
 * Every node numbered (a node's children get consecutive numbers), with its row id and the
 * facts its row shows, and the display tree: what the rows are built from, in flat arrays
 * indexed by node number rather than in maps keyed by node.
 */
interface Plan {
  readonly all: readonly TraceNode[];
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly startTimes: readonly (number | undefined)[];
  readonly endTimes: readonly (number | undefined)[];
  readonly nodes: ReadonlyMap<string, TraceNode>;
  readonly start: number;
  readonly end: number;
  /** Each node's children in the display tree: `kept[keptStart[i] .. + keptCount[i]]`. */
  readonly kept: readonly number[];
  readonly keptStart: Int32Array;
  readonly keptCount: Int32Array;
  readonly traceRoots: readonly number[];
  readonly orphanRoots: readonly number[];
  /** Rows with nothing collapsed, and how many of them (the last ones) are orphans. */
  readonly rowCount: number;
  readonly orphanCount: number;
}

/**
 * The parts of the model that do not depend on what is collapsed: every row with nothing
 * collapsed, in display order, and how many rows each one has below it.
 */
interface Layout {
  readonly rows: readonly TimelineRow[];
  /** Rows below the row at the same position, whatever their depth. */
  readonly descendants: Int32Array;
  readonly start: number;
  readonly end: number;
  readonly parentIds: readonly string[];
  readonly nodes: ReadonlyMap<string, TraceNode>;
  readonly parentOf: ReadonlyMap<string, string>;
  readonly orphanCount: number;
}

const plans = new WeakMap<TraceTree, Plan>();
const layouts = new WeakMap<TraceTree, Layout>();

function planFor(trace: TraceTree): Plan {
  let plan = plans.get(trace);
  if (!plan) {
    plan = planOf(trace);
    plans.set(trace, plan);
  }
  return plan;
}

function layoutFor(trace: TraceTree): Layout {
  let layout = layouts.get(trace);
  if (!layout) {
    layout = layoutOf(planFor(trace));
    layouts.set(trace, layout);
  }
  return layout;
}

/**
 * Rows in display order: segments earliest first, each followed by its subsegments
 * depth-first; a downstream segment (one whose `parent_id` names a subsegment of this trace)
 * sits under the subsegment that called it; orphans come last in their own section. Rows
 * under a collapsed row are left out. The collapse-independent part (every row, nothing
 * collapsed) is cached per `trace` object, so toggling a row only copies the rows' list, and
 * with nothing collapsed the rows are the cached list itself.
 */
export function buildRows(trace: TraceTree, collapsed: ReadonlySet<string>): TimelineModel {
  const layout = layoutFor(trace);
  const rows = collapsed.size === 0 ? layout.rows : withCollapsed(layout, collapsed);
  return {
    rows,
    start: layout.start as EpochSeconds,
    end: layout.end as EpochSeconds,
    duration: (layout.end - layout.start) as Seconds,
    parentIds: layout.parentIds,
    nodes: layout.nodes,
    parentOf: layout.parentOf,
    nodeCount: layout.rows.length,
    orphanCount: layout.orphanCount,
    rowCount: rows.length,
  };
}

/**
 * The model with nothing collapsed, but only its first `count` rows built (the ones a window
 * shows when the trace opens): the same rows as the first of `buildRows(trace, none)`, with
 * `rowCount`, the times, the counts and `nodes` of the whole trace. `parentIds` and
 * `parentOf` are the whole trace's too, and build every row when first read. All the rows
 * when there are no more than `count`.
 */
export function buildFirstRows(trace: TraceTree, count: number): TimelineModel {
  const built = layouts.get(trace);
  const plan = planFor(trace);
  if (built || plan.rowCount <= count) return buildRows(trace, NOTHING_COLLAPSED);
  const { rows } = emitRows(plan, count);
  return {
    rows,
    start: plan.start as EpochSeconds,
    end: plan.end as EpochSeconds,
    duration: (plan.end - plan.start) as Seconds,
    get parentIds() {
      return layoutFor(trace).parentIds;
    },
    nodes: plan.nodes,
    get parentOf() {
      return layoutFor(trace).parentOf;
    },
    nodeCount: plan.rowCount,
    orphanCount: plan.orphanCount,
    rowCount: plan.rowCount,
  };
}

/**
 * The services (each segment's name) in the order their first rows come, the order
 * `rows.map((row) => row.segmentName)` first names them, without building the rows.
 */
export function servicesInRowOrder(trace: TraceTree): string[] {
  const { all, names, kept, keptStart, keptCount, traceRoots, orphanRoots } = planFor(trace);
  const services: string[] = [];
  const stack: number[] = [];
  for (const roots of [traceRoots, orphanRoots]) {
    for (const root of roots) {
      stack.push(root);
      while (stack.length > 0) {
        const i = stack.pop() as number;
        if ((all[i] as TraceNode).kind === "segment") services.push(names[i] as string);
        const first = keptStart[i] as number;
        for (let k = first + (keptCount[i] as number) - 1; k >= first; k--) {
          stack.push(kept[k] as number);
        }
      }
    }
  }
  return services;
}

/** Every node of the trace, each once (in no particular order). */
export function traceNodes(trace: TraceTree): readonly TraceNode[] {
  return planFor(trace).all;
}

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

/** The rows left shown when `collapsed` rows hide what is under them. */
function withCollapsed(layout: Layout, collapsed: ReadonlySet<string>): TimelineRow[] {
  const { rows: all, descendants } = layout;
  const rows: TimelineRow[] = [];
  for (let at = 0; at < all.length; at++) {
    const row = all[at] as TimelineRow;
    if (!row.hasChildren || !collapsed.has(row.id)) {
      rows.push(row);
      continue;
    }
    const hidden = descendants[at] ?? 0;
    rows.push({ ...row, collapsed: true, hidden });
    at += hidden;
  }
  return rows;
}

/**
 * Numbers every node in one pass (a node's children get consecutive numbers), works out the
 * facts the rows show, and lays out the display tree, all in flat arrays indexed by number.
 */
function planOf(trace: TraceTree): Plan {
  // Number the nodes: roots first, then each node's children together, in their order. The
  // tree is parsed JSON, so each node object appears once.
  const all: TraceNode[] = [];
  for (const root of trace.segments) all.push(root);
  const segmentCount = all.length;
  for (const root of trace.orphans) all.push(root);
  const rootCount = all.length;
  const firstChild: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const children = (all[i] as TraceNode).children;
    firstChild.push(all.length);
    for (let c = 0; c < children.length; c++) all.push(children[c] as TraceNode);
  }
  const count = all.length;
  firstChild.push(count);

  // Row ids and the facts the rows show. Ids are given depth-first from the last root (a
  // repeated id is suffixed where it comes later in that order), as they always were.
  const ids: string[] = new Array(count);
  const names: string[] = new Array(count);
  const startTimes: (number | undefined)[] = new Array(count);
  const endTimes: (number | undefined)[] = new Array(count);
  const nodes = new Map<string, TraceNode>();
  const index = new Map<string, number>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const scan: number[] = [];
  for (let i = 0; i < rootCount; i++) scan.push(i);
  let given = 0;
  while (scan.length > 0) {
    const i = scan.pop() as number;
    const node = all[i] as TraceNode;
    const document = node.document;
    const rawId = typeof document.id === "string" ? document.id : `#${given}`;
    given++;
    let id = rawId;
    if (nodes.has(id)) for (let n = 2; nodes.has(id); n++) id = `${rawId}#${n}`;
    nodes.set(id, node);
    if (!index.has(rawId)) index.set(rawId, i);
    ids[i] = id;
    names[i] =
      typeof document.name === "string" && document.name !== "" ? document.name : "(unnamed)";
    const startTime = plausible(document.start_time);
    const endTime = plausible(document.end_time);
    startTimes[i] = startTime;
    endTimes[i] = endTime;
    if (startTime !== undefined) {
      if (startTime < start) start = startTime;
      if (startTime > end) end = startTime;
    }
    if (endTime !== undefined && endTime > end) end = endTime;
    for (let c = firstChild[i] as number; c < (firstChild[i + 1] as number); c++) scan.push(c);
  }
  if (start > end) {
    start = 0;
    end = 0;
  }
  const byStart = (a: number, b: number): number =>
    (startTimes[a] ?? Number.POSITIVE_INFINITY) - (startTimes[b] ?? Number.POSITIVE_INFINITY) || 0;

  // Downstream segments hang under the node their parent_id names, when it is in the trace.
  const attached = new Map<number, number[]>();
  const hosted = new Uint8Array(count);
  for (let s = 0; s < segmentCount; s++) {
    const parentId = (all[s] as TraceNode).document.parent_id;
    const host = typeof parentId === "string" ? index.get(parentId) : undefined;
    if (host === undefined || host === s) continue;
    hosted[s] = 1;
    const list = attached.get(host);
    if (list) list.push(s);
    else attached.set(host, [s]);
  }

  // The display tree: each node's children (its own, then the segments it called, by start
  // time), each node once, in one flat list.
  const visited = new Uint8Array(count);
  const keptStart = new Int32Array(count);
  const keptCount = new Int32Array(count);
  const kept: number[] = [];
  const stack: number[] = [];
  const walk = (root: number): void => {
    visited[root] = 1;
    stack.push(root);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const from = firstChild[i] as number;
      const to = firstChild[i + 1] as number;
      const extra = attached.get(i);
      const at = kept.length;
      if (extra) {
        const merged: number[] = [];
        for (let c = from; c < to; c++) merged.push(c);
        for (const s of extra) merged.push(s);
        merged.sort(byStart);
        for (const c of merged) if (visited[c] === 0) kept.push(c);
      } else {
        for (let c = from; c < to; c++) if (visited[c] === 0) kept.push(c);
      }
      keptStart[i] = at;
      keptCount[i] = kept.length - at;
      for (let k = kept.length - 1; k >= at; k--) {
        const child = kept[k] as number;
        visited[child] = 1;
        stack.push(child);
      }
    }
  };
  const traceRoots: number[] = [];
  for (let s = 0; s < segmentCount; s++) {
    if (hosted[s] === 1 || visited[s] === 1) continue;
    traceRoots.push(s);
    walk(s);
  }
  const orphanRoots: number[] = [];
  const keptBeforeOrphans = kept.length;
  for (let o = segmentCount; o < rootCount; o++) {
    if (visited[o] === 1) continue;
    orphanRoots.push(o);
    walk(o);
  }
  const orphanCount = kept.length - keptBeforeOrphans + orphanRoots.length;
  // Segments whose parent_id chain loops back on itself: each loop starts at its earliest one.
  for (let s = 0; s < segmentCount; s++) {
    if (visited[s] === 1) continue;
    traceRoots.push(s);
    walk(s);
  }
  traceRoots.sort(byStart);

  return {
    all,
    ids,
    names,
    startTimes,
    endTimes,
    nodes,
    start,
    end,
    kept,
    keptStart,
    keptCount,
    traceRoots,
    orphanRoots,
    rowCount: kept.length + traceRoots.length + orphanRoots.length,
    orphanCount,
  };
}

/** The rows built from `plan`: all of them, or only the first `limit`. */
interface Emitted {
  readonly rows: TimelineRow[];
  /** The position of each row's parent row, -1 for a root. */
  readonly parentPosition: number[];
  readonly parentOf: Map<string, string>;
}

/** The rows, depth-first from each root (trace roots, then orphans), up to `limit` of them. */
function emitRows(plan: Plan, limit: number): Emitted {
  const { all, ids, names, startTimes, endTimes, start, end, kept, keptStart, keptCount } = plan;
  const rows: TimelineRow[] = [];
  const parentPosition: number[] = [];
  const parentOf = new Map<string, string>();
  const stack: number[] = [];
  const stackParent: number[] = [];
  const stackDepth: number[] = [];
  const emit = (roots: readonly number[], section: RowSection): void => {
    let firstInSection = true;
    for (const root of roots) {
      if (rows.length >= limit) return;
      stack.push(root);
      stackParent.push(-1);
      stackDepth.push(0);
      while (stack.length > 0) {
        if (rows.length >= limit) {
          stack.length = 0;
          stackParent.length = 0;
          stackDepth.length = 0;
          return;
        }
        const i = stack.pop() as number;
        const parent = stackParent.pop() as number;
        const depth = stackDepth.pop() as number;
        const node = all[i] as TraceNode;
        const document = node.document;
        const parentRow = parent < 0 ? undefined : rows[parent];
        const segmentName = node.kind === "segment" ? names[i] : parentRow?.segmentName;
        const startTime = startTimes[i];
        const endTime = endTimes[i];
        const startOffset = startTime === undefined ? 0 : startTime - start;
        const inProgress = document.in_progress === true;
        const open = inProgress || finite(document.end_time) === undefined;
        const endOffset = open ? end - start : Math.max(startOffset, (endTime ?? start) - start);
        const id = ids[i] as string;
        const parentRowId = parentRow?.id;
        if (parentRowId !== undefined) parentOf.set(id, parentRowId);
        const position = rows.length;
        parentPosition.push(parent);
        rows.push({
          id,
          node,
          depth,
          name: names[i] as string,
          kind: node.kind,
          start: startOffset as Seconds,
          end: endOffset as Seconds,
          duration:
            open || startTime === undefined || endTime === undefined || endTime < startTime
              ? undefined
              : ((endTime - startTime) as Seconds),
          inProgress: open,
          timeWarning: saneTimes(document.start_time, document.end_time, startTime, endTime)
            ? undefined
            : timeProblems(document)[0],
          status: statusOf(document),
          namespace: namespaceOf(document),
          httpStatus: httpStatusOf(document),
          hasChildren: keptCount[i] !== 0,
          collapsed: false,
          hidden: 0,
          segmentName,
          parentRowId,
          section,
          sectionStart: node.kind === "segment" || (section === "orphans" && firstInSection),
        });
        firstInSection = false;
        const first = keptStart[i] as number;
        for (let k = first + (keptCount[i] as number) - 1; k >= first; k--) {
          stack.push(kept[k] as number);
          stackParent.push(position);
          stackDepth.push(depth + 1);
        }
      }
    }
  };
  emit(plan.traceRoots, "trace");
  emit(plan.orphanRoots, "orphans");
  return { rows, parentPosition, parentOf };
}

/** Every row, and what collapsing needs: how many rows each one has below it. */
function layoutOf(plan: Plan): Layout {
  const { rows, parentPosition, parentOf } = emitRows(plan, Number.POSITIVE_INFINITY);
  const descendants = new Int32Array(rows.length);
  for (let at = rows.length - 1; at > 0; at--) {
    const parent = parentPosition[at] as number;
    if (parent >= 0) descendants[parent] = (descendants[parent] ?? 0) + 1 + (descendants[at] ?? 0);
  }
  const parentIds: string[] = [];
  for (const row of rows) if (row.hasChildren) parentIds.push(row.id);

  return {
    rows,
    descendants,
    start: plan.start,
    end: plan.end,
    parentIds,
    nodes: plan.nodes,
    parentOf,
    orphanCount: plan.orphanCount,
  };
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
