import type { DocumentFields } from "../document.ts";
import { type TraceServiceMap, traceServiceMap } from "../service-graph/trace-service-map.ts";
import type { FilterContext } from "./compiled-filter.ts";
import { type Facts, traceFacts } from "./trace-facts.ts";

/**
 * One trace being matched. What costs a walk over the trace (the service map, exceptions,
 * the root document) is computed on first use and at most once per match.
 */
export class TraceState {
  readonly context: FilterContext;
  #serviceMap: TraceServiceMap | undefined;
  #facts: Facts | undefined;
  #root: { document: DocumentFields | undefined } | undefined;

  constructor(context: FilterContext) {
    this.context = context;
  }

  get serviceMap(): TraceServiceMap {
    this.#serviceMap ??= traceServiceMap(this.context.trace);
    return this.#serviceMap;
  }

  get facts(): Facts {
    this.#facts ??= traceFacts(this.context.trace);
    return this.#facts;
  }

  /** The entry point's segment, the one the summary calls the root. */
  get root(): DocumentFields | undefined {
    this.#root ??= { document: this.#findRoot() };
    return this.#root.document;
  }

  #findRoot(): DocumentFields | undefined {
    const id = this.context.summary.root?.id;
    if (id === undefined) return undefined;
    return this.context.trace.segments.find((node) => node.document.id === id)?.document;
  }
}
