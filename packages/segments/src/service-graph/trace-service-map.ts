import type { AssembledTrace, TraceNode } from "../trace.ts";
import type { SegmentId } from "../units.ts";
import { walkTree } from "../walk-tree.ts";
import { inferredService } from "./inferred-service.ts";

/** One service of a trace: a (name, type) pair, the way the X-Ray service map draws it. */
export interface TraceServiceNode {
  /** `${type}|${name}`: stable within the trace and across traces. */
  key: string;
  name: string;
  /**
   * The segments' `origin` (e.g. `AWS::EC2::Instance`), `service` for segments without one;
   * for inferred nodes `remote`, `Database::SQL`, `AWS::DynamoDB::Table`, `AWS::<Service>`, ...
   */
  type: string;
  /** No segment of its own: known only from the caller's subsegments. */
  inferred: boolean;
  /** An entry point of the trace: some segment of it has no caller in the trace. */
  root: boolean;
  /** The segments behind the service or, when inferred, the calling subsegments. */
  nodes: TraceNode[];
}

/** Calls from one service to another. */
export interface TraceServiceEdge {
  from: string;
  to: string;
  /**
   * The calls, in trace order: the calling subsegment followed by the downstream segment
   * that answered it, or the subsegment alone when the callee is inferred.
   */
  nodes: TraceNode[];
}

export interface TraceServiceMap {
  nodes: TraceServiceNode[];
  edges: TraceServiceEdge[];
}

/** The type of a segment's service when it names no `origin`. */
export const UNTYPED_SERVICE = "service";

export function serviceKey(type: string, name: string): string {
  return `${type}|${name}`;
}

/**
 * The services of one trace and the calls between them. A downstream segment whose
 * `parent_id` names a subsegment of another segment makes an edge between their services;
 * an `aws` or `remote` subsegment that no segment answers makes an inferred node. Orphan
 * subsegments are left out: the segment they belong to, hence their service, is unknown.
 * No client node is drawn in front of the root.
 */
export function traceServiceMap(trace: AssembledTrace): TraceServiceMap {
  const segments = collectSegments(trace);
  const segmentsById = new Map<SegmentId, TraceNode>();
  for (const segment of segments) segmentsById.set(segment.document.id, segment);

  const subsegments = new Map<SegmentId, { node: TraceNode; segment: TraceNode }>();
  for (const segment of segments) {
    forEachSubsegment(segment.children, (node) => {
      subsegments.set(node.document.id, { node, segment });
    });
  }
  const answered = new Set<SegmentId>();
  for (const segment of segments) {
    const parentId = parentOf(segment);
    if (parentId !== undefined && subsegments.has(parentId)) answered.add(parentId);
  }

  const map = new MapBuilder();
  for (const segment of segments) {
    const key = map.addService(segmentService(segment), false, segment);
    const parentId = parentOf(segment);
    const call = parentId === undefined ? undefined : subsegments.get(parentId);
    const caller = parentId === undefined ? undefined : segmentsById.get(parentId);
    if (call !== undefined) {
      map.addEdge(keyOf(segmentService(call.segment)), key, [call.node, segment]);
    } else if (caller !== undefined && caller !== segment) {
      map.addEdge(keyOf(segmentService(caller)), key, [segment]);
    } else {
      map.markRoot(key);
    }
  }
  for (const segment of segments) {
    const from = keyOf(segmentService(segment));
    forEachInferredCall(segment.children, answered, (node, service) => {
      map.addEdge(from, map.addService(service, true, node), [node]);
    });
  }
  return map.result();
}

interface ServiceName {
  readonly name: string;
  readonly type: string;
}

function segmentService(segment: TraceNode): ServiceName {
  const origin = segment.document.origin;
  return {
    name: segment.document.name,
    type: typeof origin === "string" && origin !== "" ? origin : UNTYPED_SERVICE,
  };
}

function keyOf(service: ServiceName): string {
  return serviceKey(service.type, service.name);
}

function parentOf(node: TraceNode): SegmentId | undefined {
  return node.parentId ?? node.document.parent_id;
}

/** Every segment of the trace once, wherever the assembler put it, in trace order. */
function collectSegments(trace: AssembledTrace): TraceNode[] {
  const seen = new Set<SegmentId>();
  const found: TraceNode[] = [];
  walkTree(trace.segments, (node) => {
    if (node.kind === "segment" && !seen.has(node.document.id)) {
      seen.add(node.document.id);
      found.push(node);
    }
  });
  return found;
}

/** The subsegments under a segment, not crossing into downstream segments nested there. */
function forEachSubsegment(children: readonly TraceNode[], visit: (node: TraceNode) => void): void {
  walkTree(children, (child) => {
    if (child.kind !== "subsegment") return false;
    visit(child);
    return true;
  });
}

/** Outgoing calls no segment answers; a call's own subsegments are part of the call. */
function forEachInferredCall(
  children: readonly TraceNode[],
  answered: ReadonlySet<SegmentId>,
  visit: (node: TraceNode, service: ServiceName) => void,
): void {
  walkTree(children, (child) => {
    if (child.kind !== "subsegment" || answered.has(child.document.id)) return false;
    const service = inferredService(child.document);
    if (service === undefined) return true;
    visit(child, service);
    return false;
  });
}

class MapBuilder {
  readonly #nodes = new Map<string, TraceServiceNode>();
  readonly #edges = new Map<string, TraceServiceEdge>();

  addService(service: ServiceName, inferred: boolean, node: TraceNode): string {
    const key = keyOf(service);
    const existing = this.#nodes.get(key);
    if (existing === undefined) {
      this.#nodes.set(key, { key, ...service, inferred, root: false, nodes: [node] });
    } else {
      existing.inferred &&= inferred;
      existing.nodes.push(node);
    }
    return key;
  }

  markRoot(key: string): void {
    const node = this.#nodes.get(key);
    if (node !== undefined) node.root = true;
  }

  addEdge(from: string, to: string, calls: readonly TraceNode[]): void {
    const key = `${from}\n${to}`;
    const existing = this.#edges.get(key);
    if (existing === undefined) this.#edges.set(key, { from, to, nodes: [...calls] });
    else existing.nodes.push(...calls);
  }

  result(): TraceServiceMap {
    return { nodes: [...this.#nodes.values()], edges: [...this.#edges.values()] };
  }
}
