import type {
  Seconds,
  ServiceGraph,
  ServiceGraphHistogramEntry,
  ServiceGraphPercentiles,
  ServiceGraphStatistics,
} from "@xray-sandbox/segments";
import { ambiguousNames, filterString, serviceSelector } from "./filter-expressions.ts";
import { type CallCounts, callCounts } from "./health-ring.ts";
import { isInferredService } from "./service-type.ts";

export interface MapStatistics {
  readonly counts: CallCounts;
  /** Completed requests. */
  readonly requests: number;
  /** Undefined when no request completed. */
  readonly averageLatency: Seconds | undefined;
  /** Exact p50/p90/p99 from the daemon; undefined when none completed (or an older daemon). */
  readonly percentiles: ServiceGraphPercentiles | undefined;
  /** The response times, bucketed by the daemon (seconds, ascending). */
  readonly histogram: readonly ServiceGraphHistogramEntry[];
}

export interface MapService {
  /** `type|name`: unique within the map and stable across refreshes. */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly inferred: boolean;
  readonly root: boolean;
  readonly statistics: MapStatistics;
  /** The filter expression that finds the traces through this service. */
  readonly filter: string;
}

export interface MapEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly statistics: MapStatistics;
  readonly filter: string;
}

export interface MapGraph {
  readonly services: readonly MapService[];
  readonly edges: readonly MapEdge[];
}

export function mapStatistics(
  statistics: ServiceGraphStatistics,
  histogram: readonly ServiceGraphHistogramEntry[] = [],
  percentiles: ServiceGraphPercentiles | undefined = undefined,
): MapStatistics {
  const requests = statistics.TotalCount;
  return {
    percentiles,
    histogram,
    counts: callCounts(statistics),
    requests,
    // `TotalResponseTime` is in seconds: the X-Ray API's unit.
    averageLatency:
      requests > 0 ? ((statistics.TotalResponseTime / requests) as Seconds) : undefined,
  };
}

/** The `GetServiceGraph` response as the map draws it: nodes, edges and their filters. */
export function toMapGraph(graph: ServiceGraph): MapGraph {
  const shared = ambiguousNames(
    graph.Services.map(({ Name, Type }) => ({ name: Name, type: Type })),
  );
  const selectors = new Map<number, string>();
  const ids = new Map<number, string>();
  for (const service of graph.Services) {
    const ref = { name: service.Name, type: service.Type };
    selectors.set(service.ReferenceId, serviceSelector(ref, shared.has(service.Name)));
    ids.set(service.ReferenceId, `${service.Type}|${service.Name}`);
  }
  const services = graph.Services.map((service): MapService => {
    const selector = selectors.get(service.ReferenceId) ?? filterString(service.Name);
    return {
      id: `${service.Type}|${service.Name}`,
      name: service.Name,
      type: service.Type,
      inferred:
        service.Inferred ??
        isInferredService({
          type: service.Type,
          root: service.Root,
          outgoing: service.Edges.length,
        }),
      root: service.Root,
      statistics: mapStatistics(
        service.SummaryStatistics,
        service.ResponseTimeHistogram,
        service.ResponseTimePercentiles,
      ),
      filter: `service(${selector})`,
    };
  });
  const edges: MapEdge[] = [];
  for (const service of graph.Services) {
    const from = selectors.get(service.ReferenceId);
    const fromId = ids.get(service.ReferenceId);
    for (const edge of service.Edges) {
      const to = selectors.get(edge.ReferenceId);
      const toId = ids.get(edge.ReferenceId);
      if (from === undefined || to === undefined || fromId === undefined || toId === undefined) {
        continue;
      }
      edges.push({
        id: `${fromId}->${toId}`,
        from: fromId,
        to: toId,
        statistics: mapStatistics(
          edge.SummaryStatistics,
          edge.ResponseTimeHistogram,
          edge.ResponseTimePercentiles,
        ),
        filter: `edge(${from}, ${to})`,
      });
    }
  }
  return { services, edges };
}
