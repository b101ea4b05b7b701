/** What the keywords mean inside service() { } and edge() { }: one segment or call. */

import type { TraceServiceNode } from "../service-graph/trace-service-map.ts";
import type { TraceNode } from "../trace.ts";
import {
  elapsed,
  finiteOrUndefined,
  type KeywordReaders,
  stringOrUndefined,
} from "./keyword-readers.ts";
import { ec2Field, nodeFacts } from "./trace-facts.ts";
import type { TraceState } from "./trace-state.ts";

/**
 * One segment of a service, or one node of a call along an edge (the caller's subsegment or
 * the callee's segment), with the service (for an edge: the callee) it belongs to.
 */
export interface ScopedUnit {
  readonly trace: TraceState;
  readonly node: TraceNode;
  readonly service: TraceServiceNode;
  /** For an edge, the calling service. */
  readonly caller: TraceServiceNode | undefined;
  /** Position of the service among the trace's services (of the edge among its edges). */
  readonly index: number;
  readonly count: number;
}

export const SCOPED_READERS: KeywordReaders<ScopedUnit> = {
  boolean: {
    ok: ({ node: { document } }) =>
      document.error !== true && document.fault !== true && document.throttle !== true,
    error: (unit) => unit.node.document.error === true,
    throttle: (unit) => unit.node.document.throttle === true,
    fault: (unit) => unit.node.document.fault === true,
    partial: (unit) => unit.node.document.in_progress === true,
    inferred: (unit) => unit.service.inferred,
    remote: (unit) => nodeFacts(unit.node).remote,
    first: (unit) => unit.index === 0,
    last: (unit) => unit.index === unit.count - 1,
    root: (unit) => (unit.caller ?? unit.service).root,
  },
  number: {
    responsetime: (unit) => elapsed(unit.node.document),
    duration: (unit) => elapsed(unit.node.document),
    "http.status": (unit) => finiteOrUndefined(unit.node.document.http?.response?.status),
    index: (unit) => unit.index,
    coverage: (unit) => {
      const own = elapsed(unit.node.document);
      const total = unit.trace.context.summary.responseTime;
      return own === undefined || total === undefined || total <= 0 ? undefined : own / total;
    },
  },
  string: {
    "http.url": (unit) => stringOrUndefined(unit.node.document.http?.request?.url),
    "http.method": (unit) => stringOrUndefined(unit.node.document.http?.request?.method),
    "http.useragent": (unit) => stringOrUndefined(unit.node.document.http?.request?.user_agent),
    "http.clientip": (unit) => stringOrUndefined(unit.node.document.http?.request?.client_ip),
    user: (unit) => stringOrUndefined(unit.node.document.user),
    name: (unit) => unit.service.name,
    type: (unit) => unit.service.type,
    message: (unit) => nodeFacts(unit.node).messages,
    availabilityzone: (unit) =>
      stringOrUndefined(ec2Field(unit.node.document, "availability_zone")),
    "instance.id": (unit) => stringOrUndefined(ec2Field(unit.node.document, "instance_id")),
    "resource.arn": (unit) => stringOrUndefined(unit.node.document.resource_arn),
  },
};
