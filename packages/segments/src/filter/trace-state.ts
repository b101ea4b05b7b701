import { type TraceRootCauses, traceRootCauses } from "../root-causes.ts";
import { type TraceServiceMap, traceServiceMap } from "../service-graph/trace-service-map.ts";
import type { FilterContext } from "./compiled-filter.ts";
import { type Facts, traceFacts } from "./trace-facts.ts";

/**
 * One trace being matched. What costs a walk over the trace (the service map, exceptions) is
 * computed on first use and at most once per match; keywords the summary answers never read
 * the trace, so a caller may hand it over lazily.
 */
export class TraceState {
  readonly context: FilterContext;
  #serviceMap: TraceServiceMap | undefined;
  #facts: Facts | undefined;
  #rootCauses: TraceRootCauses | undefined;

  constructor(context: FilterContext) {
    this.context = context;
  }

  get serviceMap(): TraceServiceMap {
    this.#serviceMap ??= traceServiceMap(this.context.trace);
    return this.#serviceMap;
  }

  get rootCauses(): TraceRootCauses {
    this.#rootCauses ??= traceRootCauses(this.context.trace);
    return this.#rootCauses;
  }

  get facts(): Facts {
    this.#facts ??= traceFacts(this.context.trace);
    return this.#facts;
  }
}
