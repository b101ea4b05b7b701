import type { AssembledTrace, TraceNode } from "../trace.ts";
import { epochSeconds } from "../units.ts";
import { CallStatistics, responseTime, roundMicros } from "./call-statistics.ts";
import { Histogram } from "./histogram.ts";
import type {
  ServiceGraph,
  ServiceGraphEdge,
  ServiceGraphOptions,
  ServiceGraphPercentiles,
  ServiceGraphService,
} from "./service-graph-types.ts";
import { TimeSpan } from "./time-span.ts";
import type { TraceServiceEdge } from "./trace-service-map.ts";
import { traceServiceMap } from "./trace-service-map.ts";
import { activeInWindow } from "./trace-window.ts";

interface ServiceAggregate {
  readonly name: string;
  readonly type: string;
  root: boolean;
  /** Inferred in every trace: no segment of its own anywhere. */
  inferred: boolean;
  readonly span: TimeSpan;
  readonly statistics: CallStatistics;
  readonly durations: Histogram;
}

interface EdgeAggregate {
  readonly from: string;
  readonly to: string;
  readonly span: TimeSpan;
  readonly statistics: CallStatistics;
}

/**
 * The service graph of the traces active within the window (a trace counts when its segments'
 * time span overlaps `[start, end]`), in the shape of X-Ray's `GetServiceGraph` response.
 * Services get `ReferenceId`s in a fixed order: roots first, then by name and type. Requests
 * still in progress appear in the graph but not in its statistics.
 */
export function buildServiceGraph(
  traces: Iterable<AssembledTrace>,
  options: ServiceGraphOptions = {},
): ServiceGraph {
  const builder = new ServiceGraphBuilder(options);
  for (const trace of traces) builder.add(trace);
  return builder.finish();
}

/**
 * `buildServiceGraph` one trace at a time: a caller that assembles traces as it goes (and lets
 * other work run in between) adds each, then asks for the graph. Adding the same traces in the
 * same order gives the same graph; a trace need not be kept once added.
 */
export class ServiceGraphBuilder {
  readonly #options: ServiceGraphOptions;
  readonly #services = new Map<string, ServiceAggregate>();
  readonly #edges = new Map<string, EdgeAggregate>();
  readonly #window = new TimeSpan();

  constructor(options: ServiceGraphOptions = {}) {
    this.#options = options;
  }

  /** Counts the trace when it is active within the window; says whether it was. */
  add(trace: AssembledTrace): boolean {
    const span = new TimeSpan();
    for (const segment of trace.segments) span.include(segment.document);
    if (!activeInWindow(span, this.#options)) return false;
    this.#window.includeSpan(span);
    const duration = traceDuration(trace, span);

    const map = traceServiceMap(trace);
    for (const node of map.nodes) {
      const service = this.#services.get(node.key) ?? newService(node.name, node.type);
      this.#services.set(node.key, service);
      service.root ||= node.root;
      service.inferred &&= node.inferred;
      if (duration !== undefined) service.durations.add(duration);
      for (const { document } of node.nodes) {
        service.span.include(document);
        service.statistics.add(document);
      }
    }
    for (const edge of map.edges) {
      const key = `${edge.from}\n${edge.to}`;
      const aggregate = this.#edges.get(key) ?? newEdge(edge.from, edge.to);
      this.#edges.set(key, aggregate);
      for (const { document } of edge.nodes) aggregate.span.include(document);
      for (const { document } of callsOf(edge)) aggregate.statistics.add(document);
    }
    return true;
  }

  /** The graph of every trace added so far. */
  finish(): ServiceGraph {
    const options = this.#options;
    const window = this.#window;
    const ordered = [...this.#services].sort(([, a], [, b]) => compareServices(a, b));
    const referenceIds = new Map(ordered.map(([key], index) => [key, index]));
    const edges = [...this.#edges.values()];
    const result = ordered.map(([key, service], index) => {
      const out = edges.filter((edge) => edge.from === key);
      return toService(service, index, toEdges(out, referenceIds));
    });

    return {
      StartTime: epochSeconds(options.start ?? (window.empty ? (options.end ?? 0) : window.start)),
      EndTime: epochSeconds(options.end ?? (window.empty ? (options.start ?? 0) : window.end)),
      Services: result,
      ContainsOldGroupVersions: false,
    };
  }
}

/** Earliest start to latest end of the trace's segments; undefined until one has ended. */
function traceDuration(trace: AssembledTrace, span: TimeSpan): number | undefined {
  const ended = trace.segments.some(({ document }) => responseTime(document) !== undefined);
  return ended ? roundMicros(span.end - span.start) : undefined;
}

/**
 * The requests an edge stands for: each calling subsegment once (the caller's view of the
 * call), and a downstream segment alone only when no subsegment of the edge called it.
 */
function callsOf(edge: TraceServiceEdge): TraceNode[] {
  const calls = new Set(edge.nodes.filter((node) => node.kind === "subsegment"));
  const callIds = new Set([...calls].map((node) => node.document.id));
  for (const node of edge.nodes) {
    const parentId = node.parentId ?? node.document.parent_id;
    if (node.kind === "segment" && (parentId === undefined || !callIds.has(parentId))) {
      calls.add(node);
    }
  }
  return [...calls];
}

function compareServices(a: ServiceAggregate, b: ServiceAggregate): number {
  if (a.root !== b.root) return a.root ? -1 : 1;
  return compareStrings(a.name, b.name) || compareStrings(a.type, b.type);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toService(
  service: ServiceAggregate,
  referenceId: number,
  edges: ServiceGraphEdge[],
): ServiceGraphService {
  return {
    ReferenceId: referenceId,
    Name: service.name,
    Names: [service.name],
    Root: service.root,
    Type: service.type,
    State: "active",
    StartTime: epochSeconds(service.span.start),
    EndTime: epochSeconds(service.span.end),
    Edges: edges,
    SummaryStatistics: service.statistics.summary(),
    DurationHistogram: service.durations.entries(),
    ResponseTimeHistogram: service.statistics.responseTimes.entries(),
    ...percentilesOf(service.statistics),
    Inferred: service.inferred,
  };
}

function toEdges(
  edges: readonly EdgeAggregate[],
  referenceIds: ReadonlyMap<string, number>,
): ServiceGraphEdge[] {
  const result: ServiceGraphEdge[] = [];
  for (const edge of edges) {
    const referenceId = referenceIds.get(edge.to);
    if (referenceId === undefined) continue;
    result.push({
      ReferenceId: referenceId,
      StartTime: epochSeconds(edge.span.start),
      EndTime: epochSeconds(edge.span.end),
      SummaryStatistics: edge.statistics.summary(),
      ResponseTimeHistogram: edge.statistics.responseTimes.entries(),
      Aliases: [],
      ...percentilesOf(edge.statistics),
    });
  }
  return result.sort((a, b) => a.ReferenceId - b.ReferenceId);
}

function percentilesOf(statistics: CallStatistics): {
  ResponseTimePercentiles?: ServiceGraphPercentiles;
} {
  const percentiles = statistics.percentiles.percentiles();
  return percentiles === undefined ? {} : { ResponseTimePercentiles: percentiles };
}

function newService(name: string, type: string): ServiceAggregate {
  return {
    name,
    type,
    root: false,
    inferred: true,
    span: new TimeSpan(),
    statistics: new CallStatistics(),
    durations: new Histogram(),
  };
}

function newEdge(from: string, to: string): EdgeAggregate {
  return { from, to, span: new TimeSpan(), statistics: new CallStatistics() };
}
