/** `service(...) { }` and `edge(..., ...) { }` over the trace's service map. */

import type { TraceServiceNode } from "../service-graph/trace-service-map.ts";
import type { ServiceSelector } from "./ast.ts";
import type { Predicate } from "./compare.ts";
import type { ScopedUnit } from "./scoped-keywords.ts";
import type { TraceState } from "./trace-state.ts";

/**
 * Some service the target selects (any service for `service()`) has a segment the body
 * holds for; without a body, the trace reaches such a service.
 */
export function servicePredicate(
  target: ServiceSelector | undefined,
  body: Predicate<ScopedUnit> | undefined,
): Predicate<TraceState> {
  return (trace) => {
    const services = trace.serviceMap.nodes;
    const count = services.length;
    for (let index = 0; index < count; index++) {
      const service = services[index];
      if (service === undefined || (target !== undefined && !selects(target, service))) continue;
      if (body === undefined) return true;
      for (const node of service.nodes) {
        if (body({ trace, node, service, caller: undefined, index, count })) return true;
      }
    }
    return false;
  };
}

/**
 * Some call from a service `from` selects to a service `to` selects has a node (the calling
 * subsegment or the segment that answered it) the body holds for; without a body, there is
 * such a call.
 */
export function edgePredicate(
  from: ServiceSelector,
  to: ServiceSelector,
  body: Predicate<ScopedUnit> | undefined,
): Predicate<TraceState> {
  return (trace) => {
    const { nodes, edges } = trace.serviceMap;
    const count = edges.length;
    for (let index = 0; index < count; index++) {
      const edge = edges[index];
      if (edge === undefined) continue;
      const caller = nodes.find((node) => node.key === edge.from);
      const service = nodes.find((node) => node.key === edge.to);
      if (caller === undefined || service === undefined) continue;
      if (!selects(from, caller) || !selects(to, service)) continue;
      if (body === undefined) return true;
      for (const node of edge.nodes) {
        if (body({ trace, node, service, caller, index, count })) return true;
      }
    }
    return false;
  };
}

function selects(selector: ServiceSelector, service: TraceServiceNode): boolean {
  return (
    (selector.name === undefined || selector.name === service.name) &&
    (selector.type === undefined || selector.type === service.type)
  );
}
