import { useEffect, useState } from "react";
import { fetchServiceGraph, type ServiceGraphQuery } from "./service-graph-api.ts";
import { type MapGraph, toMapGraph } from "./service-map-model.ts";

export interface ServiceGraphState {
  /** The last graph received; kept while a newer one loads. */
  readonly graph: MapGraph | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  /** `Date.now()` of the last answer. */
  readonly updatedAt: number | undefined;
}

/** Loads the graph for `query`, and again each time `refresh` changes. */
export function useServiceGraph(query: ServiceGraphQuery, refresh: number): ServiceGraphState {
  const [state, setState] = useState<ServiceGraphState>({
    graph: undefined,
    error: undefined,
    loading: true,
    updatedAt: undefined,
  });
  const { range, group } = query;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    fetchServiceGraph({ range, group }, controller.signal).then(
      (graph) => {
        setState({
          graph: toMapGraph(graph),
          error: undefined,
          loading: false,
          updatedAt: Date.now(),
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...previous,
          error: error instanceof Error ? error.message : String(error),
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [range, group, refresh]);

  return state;
}
