/**
 * `GetTimeSeriesServiceStatistics`'s entity selector and the statistics it picks out of a
 * service graph. The selector is one of X-Ray's entity functions:
 *
 * - `service("name")` or `service(id(name: "name", type: "AWS::EC2::Instance"))`, or
 *   `id(name: "name", type: "…")`: that service's statistics (summed over its types when
 *   only the name is given);
 * - `edge("caller", "callee")`: the calls from one service to another;
 * - none: the requests entering the graph, i.e. the edges from clients to the root services.
 */

import type {
  ServiceGraph,
  ServiceGraphHistogramEntry,
  ServiceGraphService,
  ServiceGraphStatistics,
} from "./service-graph-types.ts";

export type EntitySelector =
  | { readonly kind: "service"; readonly name: string; readonly type?: string }
  | { readonly kind: "edge"; readonly from: string; readonly to: string }
  | { readonly kind: "clients" };

export type SelectorResult =
  | { readonly ok: true; readonly selector: EntitySelector }
  | { readonly ok: false; readonly message: string };

export interface EntityStatistics {
  /** `service` statistics are X-Ray's `ServiceSummaryStatistics`, the others `EdgeSummaryStatistics`. */
  readonly kind: "service" | "edge";
  readonly statistics: ServiceGraphStatistics;
  readonly histogram: ServiceGraphHistogramEntry[];
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const ID = String.raw`id\(\s*name\s*:\s*${STRING}\s*(?:,\s*type\s*:\s*${STRING}\s*)?\)`;
const SERVICE_BY_NAME = new RegExp(String.raw`^service\(\s*${STRING}\s*\)$`);
const SERVICE_BY_ID = new RegExp(String.raw`^service\(\s*${ID}\s*\)$`);
const BARE_ID = new RegExp(`^${ID}$`);
const EDGE = new RegExp(String.raw`^edge\(\s*${STRING}\s*,\s*${STRING}\s*\)$`);

export function parseEntitySelector(text: string | undefined): SelectorResult {
  const source = text?.trim() ?? "";
  if (source === "") return { ok: true, selector: { kind: "clients" } };
  const byName = SERVICE_BY_NAME.exec(source);
  if (byName !== null) return service(byName[1], undefined);
  const byId = SERVICE_BY_ID.exec(source) ?? BARE_ID.exec(source);
  if (byId !== null) return service(byId[1], byId[2]);
  const edge = EDGE.exec(source);
  if (edge !== null) {
    return { ok: true, selector: { kind: "edge", from: unquote(edge[1]), to: unquote(edge[2]) } };
  }
  return {
    ok: false,
    message: `EntitySelectorExpression ${JSON.stringify(source)} is not one the sandbox reads: use service("name"), service(id(name: "name", type: "type")), id(name: "name", type: "type") or edge("caller", "callee")`,
  };
}

/** The selected entity's statistics in `graph`; zeros when it is not there. */
export function entityStatistics(graph: ServiceGraph, selector: EntitySelector): EntityStatistics {
  const totals = new StatisticsSum();
  if (selector.kind === "service") {
    for (const service of graph.Services) {
      if (service.Name !== selector.name) continue;
      if (selector.type !== undefined && service.Type !== selector.type) continue;
      totals.add(service.SummaryStatistics, service.ResponseTimeHistogram);
    }
    return totals.result("service");
  }
  if (selector.kind === "edge") {
    const callees = new Map(graph.Services.map((service) => [service.ReferenceId, service]));
    for (const service of graph.Services) {
      if (service.Name !== selector.from) continue;
      for (const edge of service.Edges) {
        if (callees.get(edge.ReferenceId)?.Name !== selector.to) continue;
        totals.add(edge.SummaryStatistics, edge.ResponseTimeHistogram);
      }
    }
    return totals.result("edge");
  }
  for (const service of graph.Services.filter(isRoot)) {
    totals.add(service.SummaryStatistics, service.ResponseTimeHistogram);
  }
  return totals.result("edge");
}

function isRoot(service: ServiceGraphService): boolean {
  return service.Root;
}

function service(name: string | undefined, type: string | undefined): SelectorResult {
  return {
    ok: true,
    selector: {
      kind: "service",
      name: unquote(name ?? ""),
      ...(type === undefined ? {} : { type: unquote(type) }),
    },
  };
}

function unquote(text: string | undefined): string {
  return (text ?? "").replace(/\\(.)/g, "$1");
}

class StatisticsSum {
  readonly #statistics: ServiceGraphStatistics = {
    OkCount: 0,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: 0, TotalCount: 0 },
    TotalCount: 0,
    TotalResponseTime: 0,
  };
  readonly #histogram = new Map<number, number>();

  add(statistics: ServiceGraphStatistics, histogram: readonly ServiceGraphHistogramEntry[]): void {
    const sum = this.#statistics;
    sum.OkCount += statistics.OkCount;
    sum.ErrorStatistics.ThrottleCount += statistics.ErrorStatistics.ThrottleCount;
    sum.ErrorStatistics.OtherCount += statistics.ErrorStatistics.OtherCount;
    sum.ErrorStatistics.TotalCount += statistics.ErrorStatistics.TotalCount;
    sum.FaultStatistics.OtherCount += statistics.FaultStatistics.OtherCount;
    sum.FaultStatistics.TotalCount += statistics.FaultStatistics.TotalCount;
    sum.TotalCount += statistics.TotalCount;
    sum.TotalResponseTime += statistics.TotalResponseTime;
    for (const { Value, Count } of histogram) {
      this.#histogram.set(Value, (this.#histogram.get(Value) ?? 0) + Count);
    }
  }

  result(kind: EntityStatistics["kind"]): EntityStatistics {
    return {
      kind,
      statistics: {
        ...this.#statistics,
        TotalResponseTime: Math.round(this.#statistics.TotalResponseTime * 1e6) / 1e6,
      },
      histogram: [...this.#histogram]
        .sort(([a], [b]) => a - b)
        .map(([Value, Count]) => ({ Value, Count })),
    };
  }
}
