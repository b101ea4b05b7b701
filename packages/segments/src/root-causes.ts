/**
 * The root causes X-Ray's `GetTraceSummaries` reports for a trace (`FaultRootCauses`,
 * `ErrorRootCauses`, `ResponseTimeRootCauses`), in the shapes of `@aws-sdk/client-xray`.
 *
 * The rule, carried from AWS's descriptions ("the deepest entity path on which the fault
 * originated, with the exception recorded there"; "the entity path that contributed most of
 * the time"):
 *
 * - The trace is one tree: from the root segment (the earliest with no parent in the trace)
 *   down through subsegments, and from a calling subsegment into the downstream segment whose
 *   `parent_id` names it. Orphan subsegments and segments not reachable from the root are
 *   left out.
 * - Faults: every node flagged `fault` none of whose descendants is flagged `fault` is one
 *   root cause. Errors: the same with `error` or `throttle`.
 * - A root cause's `Services` are the segments on the path from the root down to that node,
 *   in order; each service's `EntityPath` holds the names from its segment down to where the
 *   path leaves it (the calling subsegment) or ends (the node). The node's `cause.exceptions`
 *   (`Name` = type, `Message` = message; a `cause` given as an exception id is looked up in
 *   the trace) sit on the last entity of the last service; every other entity has none.
 * - `Remote` is true for a subsegment in namespace `remote` or `aws`.
 * - When the node is such a remote call that no downstream segment answers, the path ends in
 *   the inferred service it calls, named as the service graph names it: one more service
 *   with `Inferred: true` and a single entity (carrying the exceptions).
 * - `ClientImpacting` is true when the root segment itself carries the flag (the client saw
 *   the fault or error).
 * - Response time: one root cause, the path from the root that descends each time into the
 *   child (subsegment or downstream segment) with the longest duration; each entity's
 *   `Coverage` is its duration divided by the root's, clamped to 0..1. Nodes without a finite
 *   duration are passed over. None when the root has no positive duration.
 *   `ClientImpacting` is true: the client waited for the root.
 *
 * An `EntityPath` longer than `MAX_ENTITY_PATH` keeps its first entity, one named
 * `… N levels …` for the N left out, and the last ones.
 * At most `MAX_ROOT_CAUSES` fault and error root causes each, in walk order (the entry
 * point's service first, depth-first, then each downstream service after its caller's);
 * `analyseRootCauses` also says how many that left out.
 */

import type { ExceptionRecord, SubsegmentDocument } from "./document.ts";
import { inferredService } from "./service-graph/inferred-service.ts";
import { UNTYPED_SERVICE } from "./service-graph/trace-service-map.ts";
import type { AssembledTrace, TraceNode } from "./trace.ts";
import { walkTree } from "./walk-tree.ts";

/** The most fault root causes, and the most error root causes, one trace reports. */
export const MAX_ROOT_CAUSES = 25;

/**
 * The most entities one service's `EntityPath` lists: past it, the first, an entity named
 * `… N levels …` standing for those left out, and the last ones (a chain of streamed
 * subsegments may be thousands deep).
 */
export const MAX_ENTITY_PATH = 32;

export interface RootCauseException {
  readonly Name: string;
  readonly Message: string;
}

export interface RootCauseEntity {
  readonly Name: string;
  readonly Exceptions: readonly RootCauseException[];
  readonly Remote: boolean;
}

/** A service on a root cause's path, with the entities of it the path went through. */
export interface RootCauseServiceOf<Entity> {
  readonly Name: string;
  readonly Names: readonly string[];
  readonly Type: string;
  readonly AccountId?: string;
  readonly EntityPath: readonly Entity[];
  readonly Inferred: boolean;
}

export type RootCauseService = RootCauseServiceOf<RootCauseEntity>;

/** A `FaultRootCause` or an `ErrorRootCause`: the two have the same shape. */
export interface RootCause {
  readonly Services: readonly RootCauseService[];
  readonly ClientImpacting: boolean;
}

export interface ResponseTimeRootCauseEntity {
  readonly Name: string;
  readonly Coverage: number;
  readonly Remote: boolean;
}

export type ResponseTimeRootCauseService = RootCauseServiceOf<ResponseTimeRootCauseEntity>;

export interface ResponseTimeRootCause {
  readonly Services: readonly ResponseTimeRootCauseService[];
  readonly ClientImpacting: boolean;
}

export interface TraceRootCauses {
  readonly FaultRootCauses: readonly RootCause[];
  readonly ErrorRootCauses: readonly RootCause[];
  readonly ResponseTimeRootCauses: readonly ResponseTimeRootCause[];
}

/** The trace as one tree, every node with its parent. */
interface LinkedTree {
  readonly root: TraceNode;
  readonly parentOf: ReadonlyMap<TraceNode, TraceNode>;
  /** The downstream segments each calling node leads to. */
  readonly downstream: ReadonlyMap<TraceNode, readonly TraceNode[]>;
  /**
   * Every node under the root, each segment's tree depth-first, the root's segment first,
   * then each downstream segment's after its caller's (ancestors always before descendants).
   */
  readonly order: readonly TraceNode[];
}

/** The root causes, and what their bounds left out. */
export interface RootCauseAnalysis {
  readonly causes: TraceRootCauses;
  /** Fault and error root causes past `MAX_ROOT_CAUSES`. */
  readonly leftOut: number;
  /** Entities of entity paths past `MAX_ENTITY_PATH`, over all the root causes. */
  readonly entitiesLeftOut: number;
}

export function traceRootCauses(trace: AssembledTrace): TraceRootCauses {
  return analyseRootCauses(trace).causes;
}

export function analyseRootCauses(trace: AssembledTrace): RootCauseAnalysis {
  const tree = linkTree(trace);
  if (tree === undefined) {
    return {
      causes: { FaultRootCauses: [], ErrorRootCauses: [], ResponseTimeRootCauses: [] },
      leftOut: 0,
      entitiesLeftOut: 0,
    };
  }
  const rootDocument = tree.root.document;
  const faults = flaggedLeaves(tree, (node) => node.document.fault === true);
  const errors = flaggedLeaves(
    tree,
    (node) => node.document.error === true || node.document.throttle === true,
  );
  const bound: EntityBound = { leftOut: 0 };
  const responseTime = responseTimeRootCause(tree, bound);
  return {
    causes: {
      FaultRootCauses: faults.listed.map((node) => ({
        Services: faultServices(tree, node, bound),
        ClientImpacting: rootDocument.fault === true,
      })),
      ErrorRootCauses: errors.listed.map((node) => ({
        Services: faultServices(tree, node, bound),
        ClientImpacting: rootDocument.error === true || rootDocument.throttle === true,
      })),
      ResponseTimeRootCauses: responseTime === undefined ? [] : [responseTime],
    },
    leftOut: faults.leftOut + errors.leftOut,
    entitiesLeftOut: bound.leftOut,
  };
}

/**
 * The nodes the fault and the error root causes end at, in the order of `FaultRootCauses`
 * and `ErrorRootCauses` (the first `MAX_ROOT_CAUSES` of each): what a viewer points at.
 */
export function rootCauseNodes(trace: AssembledTrace): {
  readonly faults: readonly TraceNode[];
  readonly errors: readonly TraceNode[];
} {
  const tree = linkTree(trace);
  if (tree === undefined) return { faults: [], errors: [] };
  return {
    faults: flaggedLeaves(tree, (node) => node.document.fault === true).listed,
    errors: flaggedLeaves(
      tree,
      (node) => node.document.error === true || node.document.throttle === true,
    ).listed,
  };
}

/**
 * Links each segment under the node its `parent_id` names and walks the result from the
 * root, one segment's own tree (its subsegments) at a time: a downstream segment is walked
 * after the segment that called it, in the order the calls were met. Each segment is linked
 * under one parent at most and the root under none, so what the walk reaches is a tree even
 * when `parent_id`s form a cycle.
 */
function linkTree(trace: AssembledTrace): LinkedTree | undefined {
  const callerIds = new Set<string>();
  for (const segment of trace.segments) {
    if (segment.parentId !== undefined) callerIds.add(segment.parentId);
  }
  // Only the nodes some segment names as its parent are looked up.
  const byId = new Map<string, TraceNode>();
  walkTree([...trace.segments, ...trace.orphans], (node) => {
    const id = node.document.id;
    if (callerIds.has(id) && !byId.has(id)) byId.set(id, node);
  });
  const root =
    trace.segments.find((node) => node.parentId === undefined || !byId.has(node.parentId)) ??
    trace.segments[0];
  if (root === undefined) return undefined;

  const downstream = new Map<TraceNode, TraceNode[]>();
  for (const segment of trace.segments) {
    if (segment === root || segment.parentId === undefined) continue;
    const caller = byId.get(segment.parentId);
    if (caller === undefined || caller === segment) continue;
    const list = downstream.get(caller) ?? [];
    list.push(segment);
    downstream.set(caller, list);
  }

  const parentOf = new Map<TraceNode, TraceNode>();
  const order: TraceNode[] = [];
  const pending: TraceNode[] = [root];
  for (let next = 0; next < pending.length; next++) {
    const segment = pending[next];
    if (segment === undefined) continue;
    // The assembler's children are subsegments: the walk stays within this segment.
    walkTree([segment], (node) => {
      order.push(node);
      for (const child of node.children) parentOf.set(child, node);
      for (const called of downstream.get(node) ?? []) {
        parentOf.set(called, node);
        pending.push(called);
      }
    });
  }
  return { root, parentOf, downstream, order };
}

/**
 * Flagged nodes with no flagged descendant, in walk order: the first `MAX_ROOT_CAUSES`, and
 * how many more there are.
 */
function flaggedLeaves(
  tree: LinkedTree,
  flagged: (node: TraceNode) => boolean,
): { listed: TraceNode[]; leftOut: number } {
  const hasFlaggedBelow = new Set<TraceNode>();
  // Children come after their parents in `order`: walking it backwards sees them first.
  for (let i = tree.order.length - 1; i >= 0; i--) {
    const node = tree.order[i];
    if (node === undefined) continue;
    if (!flagged(node) && !hasFlaggedBelow.has(node)) continue;
    const parent = tree.parentOf.get(node);
    if (parent !== undefined) hasFlaggedBelow.add(parent);
  }
  const listed: TraceNode[] = [];
  let leftOut = 0;
  for (const node of tree.order) {
    if (!flagged(node) || hasFlaggedBelow.has(node)) continue;
    if (listed.length < MAX_ROOT_CAUSES) listed.push(node);
    else leftOut++;
  }
  return { listed, leftOut };
}

/** The nodes from the root down to `node`, both included. */
function pathTo(tree: LinkedTree, node: TraceNode): TraceNode[] {
  const path: TraceNode[] = [];
  for (let at: TraceNode | undefined = node; at !== undefined; at = tree.parentOf.get(at)) {
    path.push(at);
  }
  return path.reverse();
}

interface ServiceRun<Entity> {
  readonly segment: TraceNode;
  readonly entities: Entity[];
}

/** The path cut into one run per segment, each from the segment down to where it is left. */
function serviceRuns<Entity>(
  path: readonly TraceNode[],
  entity: (node: TraceNode) => Entity,
): ServiceRun<Entity>[] {
  const runs: ServiceRun<Entity>[] = [];
  for (const node of path) {
    const current = runs.at(-1);
    if (node.kind === "segment" || current === undefined) {
      runs.push({ segment: node, entities: [entity(node)] });
    } else {
      current.entities.push(entity(node));
    }
  }
  return runs;
}

function faultServices(tree: LinkedTree, node: TraceNode, bound: EntityBound): RootCauseService[] {
  const exceptions = exceptionsOf(tree, node);
  const inferred = inferredCallee(tree, node);
  const runs = serviceRuns(pathTo(tree, node), (at) => ({
    Name: at.document.name,
    Exceptions: at === node && inferred === undefined ? exceptions : [],
    Remote: isRemote(at),
  }));
  const services: RootCauseService[] = runs.map((run) => ({
    ...segmentService(run.segment),
    EntityPath: boundedEntities(run.entities, bound, (name) => ({
      Name: name,
      Exceptions: [],
      Remote: false,
    })),
    Inferred: false,
  }));
  if (inferred !== undefined) {
    services.push({
      Name: inferred.name,
      Names: [inferred.name],
      Type: inferred.type,
      EntityPath: [{ Name: inferred.name, Exceptions: exceptions, Remote: true }],
      Inferred: true,
    });
  }
  return services;
}

interface EntityBound {
  leftOut: number;
}

/** `entities`, or past `MAX_ENTITY_PATH` the first, a gap entity and the last ones; counted. */
function boundedEntities<Entity>(
  entities: readonly Entity[],
  bound: EntityBound,
  gap: (name: string, first: Entity) => Entity,
): readonly Entity[] {
  if (entities.length <= MAX_ENTITY_PATH) return entities;
  const first = entities[0];
  const kept = MAX_ENTITY_PATH - 2;
  const left = entities.length - 1 - kept;
  const firstLeftOut = entities[1];
  if (first === undefined || firstLeftOut === undefined) return entities;
  bound.leftOut += left;
  return [first, gap(`… ${left} levels …`, firstLeftOut), ...entities.slice(-kept)];
}

function responseTimeRootCause(
  tree: LinkedTree,
  bound: EntityBound,
): ResponseTimeRootCause | undefined {
  const rootDuration = durationOf(tree.root);
  if (rootDuration === undefined || rootDuration <= 0) return undefined;
  const path: TraceNode[] = [tree.root];
  for (let at: TraceNode | undefined = tree.root; at !== undefined; ) {
    let longest: TraceNode | undefined;
    let longestDuration = Number.NEGATIVE_INFINITY;
    for (const child of childrenOf(tree, at)) {
      const duration = durationOf(child);
      if (duration !== undefined && duration > longestDuration) {
        longest = child;
        longestDuration = duration;
      }
    }
    if (longest !== undefined) path.push(longest);
    at = longest;
  }
  const coverage = (node: TraceNode): number =>
    Math.min(1, Math.max(0, (durationOf(node) ?? 0) / rootDuration));
  const runs = serviceRuns(path, (at) => ({
    Name: at.document.name,
    Coverage: coverage(at),
    Remote: isRemote(at),
  }));
  const services: ResponseTimeRootCauseService[] = runs.map((run) => ({
    ...segmentService(run.segment),
    // The gap takes the coverage of the first entity it stands for.
    EntityPath: boundedEntities(run.entities, bound, (name, first) => ({
      Name: name,
      Coverage: first.Coverage,
      Remote: false,
    })),
    Inferred: false,
  }));
  const last = path.at(-1);
  const inferred = last === undefined ? undefined : inferredCallee(tree, last);
  if (last !== undefined && inferred !== undefined) {
    services.push({
      Name: inferred.name,
      Names: [inferred.name],
      Type: inferred.type,
      EntityPath: [{ Name: inferred.name, Coverage: coverage(last), Remote: true }],
      Inferred: true,
    });
  }
  return { Services: services, ClientImpacting: true };
}

function segmentService(segment: TraceNode): {
  Name: string;
  Names: string[];
  Type: string;
  AccountId?: string;
} {
  const { name, origin, aws } = segment.document;
  const accountId: unknown = aws?.account_id;
  return {
    Name: name,
    Names: [name],
    Type: typeof origin === "string" && origin !== "" ? origin : UNTYPED_SERVICE,
    ...(typeof accountId === "string" && accountId !== "" ? { AccountId: accountId } : {}),
  };
}

/** The service a remote call reaches when no downstream segment answers it. */
function inferredCallee(
  tree: LinkedTree,
  node: TraceNode,
): { name: string; type: string } | undefined {
  if (node.kind !== "subsegment") return undefined;
  if (tree.downstream.has(node)) return undefined;
  return inferredService(node.document as SubsegmentDocument);
}

function isRemote(node: TraceNode): boolean {
  if (node.kind !== "subsegment") return false;
  const namespace: unknown = node.document.namespace;
  return namespace === "remote" || namespace === "aws";
}

function exceptionsOf(tree: LinkedTree, node: TraceNode): RootCauseException[] {
  const cause = node.document.cause;
  const records: readonly unknown[] =
    typeof cause === "string"
      ? [exceptionById(tree, cause)]
      : typeof cause === "object" && cause !== null && Array.isArray(cause.exceptions)
        ? cause.exceptions
        : [];
  const exceptions: RootCauseException[] = [];
  for (const record of records) {
    if (typeof record !== "object" || record === null) continue;
    const { type, message } = record as Partial<ExceptionRecord>;
    exceptions.push({
      Name: typeof type === "string" ? type : "",
      Message: typeof message === "string" ? message : "",
    });
  }
  return exceptions;
}

/** The exception with this id anywhere in the trace (a `cause` may name one recorded elsewhere). */
function exceptionById(tree: LinkedTree, id: string): ExceptionRecord | undefined {
  for (const node of tree.order) {
    const cause = node.document.cause;
    if (typeof cause !== "object" || cause === null || !Array.isArray(cause.exceptions)) continue;
    const found = cause.exceptions.find((exception) => exception?.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A node's subsegments, then the downstream segments it leads to. */
function childrenOf(tree: LinkedTree, node: TraceNode): readonly TraceNode[] {
  const called = tree.downstream.get(node);
  return called === undefined ? node.children : [...node.children, ...called];
}

function durationOf(node: TraceNode): number | undefined {
  const start: unknown = node.document.start_time;
  const end: unknown = node.document.end_time;
  if (typeof start !== "number" || typeof end !== "number") return undefined;
  const duration = end - start;
  return Number.isFinite(duration) ? duration : undefined;
}
