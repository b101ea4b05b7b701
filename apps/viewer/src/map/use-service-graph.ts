import { useEffect, useRef, useState } from "react";
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

/**
 * Loads the graph for `query`, and again each time `refresh` changes. A new query cancels the
 * request under way; a refresh never does: it waits for that request's answer and then asks
 * once more, so that a daemon with a large store (where one graph takes seconds) is not sent
 * a new request every time traces arrive.
 */
export function useServiceGraph(query: ServiceGraphQuery, refresh: number): ServiceGraphState {
  const [state, setState] = useState<ServiceGraphState>({
    graph: undefined,
    error: undefined,
    loading: true,
    updatedAt: undefined,
  });
  const { range, group } = query;
  const inFlight = useRef(false);
  const again = useRef(false);
  const load = useRef<() => void>(() => {});

  useEffect(() => {
    const controller = new AbortController();
    const run = () => {
      inFlight.current = true;
      again.current = false;
      setState((previous) => ({ ...previous, loading: true }));
      fetchServiceGraph({ range, group }, controller.signal)
        .then(
          (graph) => {
            if (controller.signal.aborted) return;
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
        )
        .finally(() => {
          if (controller.signal.aborted) return;
          inFlight.current = false;
          if (again.current) run();
        });
    };
    load.current = run;
    run();
    return () => {
      controller.abort();
      inFlight.current = false;
      again.current = false;
    };
  }, [range, group]);

  const firstRefresh = useRef(refresh);
  useEffect(() => {
    if (refresh === firstRefresh.current) return;
    if (inFlight.current) again.current = true;
    else load.current();
  }, [refresh]);

  return state;
}
