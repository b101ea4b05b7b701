/**
 * How long the service map takes to lay out 50 services (the target: under a second),
 * beside a 5-service map laid out in the same run as the baseline; then placing 5 services
 * that join a drawn 50-service map live (a fresh layout plus keeping the drawn places), and
 * turning a `GetServiceGraph` answer into the map's model.
 *
 *   npx tsx apps/viewer/bench/map-layout-bench.ts [--services 50] [--reps 7]
 *
 * The machine may be shared: read the ratio beside the absolute times.
 */

import {
  epochSeconds,
  type ServiceGraph,
  type ServiceGraphEdge,
  type ServiceGraphService,
} from "@xray-sandbox/segments";
import { type LayoutInput, layoutGraph } from "../src/map/layout-graph.ts";
import {
  EDGE_LABEL_HEIGHT,
  EDGE_LABEL_WIDTH,
  NODE_HEIGHT,
  NODE_WIDTH,
} from "../src/map/map-geometry.ts";
import { toMapGraph } from "../src/map/service-map-model.ts";
import { keepPlaces } from "../src/map/stable-layout.ts";

function option(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  const parsed = index === -1 ? fallback : Number(args[index + 1]);
  if (!Number.isInteger(parsed) || parsed < 2)
    throw new Error(`--${name} must be a whole number ≥ 2`);
  return parsed;
}

/** A deterministic pseudo-random sequence, so every run lays out the same graph. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * `count` services in layers as a microservice system has them: one entry point, a few
 * APIs, more services behind them, and databases and remote APIs at the end; each calls three
 * to five services of the next layers.
 */
export function syntheticGraph(count: number): ServiceGraph {
  const next = random(count);
  const layers = [1, Math.ceil(count * 0.1), Math.ceil(count * 0.3)];
  layers.push(Math.max(1, count - layers.reduce((a, b) => a + b, 0)));
  const layerOf: number[] = [];
  for (const [layer, size] of layers.entries()) {
    for (let i = 0; i < size && layerOf.length < count; i++) layerOf.push(layer);
  }
  const statistics = (requests: number) => ({
    OkCount: requests - 2,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 1, TotalCount: 1 },
    FaultStatistics: { OtherCount: 1, TotalCount: 1 },
    TotalCount: requests,
    TotalResponseTime: requests * 0.05,
  });
  const histogram = [
    { Value: 0.01, Count: 10 },
    { Value: 0.05, Count: 30 },
    { Value: 0.2, Count: 2 },
  ];
  const services: ServiceGraphService[] = layerOf.map((layer, id) => {
    const later = layerOf.flatMap((other, index) => (other > layer ? [index] : []));
    const edges: ServiceGraphEdge[] = [];
    const calls = later.length === 0 ? 0 : 3 + Math.floor(next() * 3);
    const chosen = new Set<number>();
    for (let i = 0; i < calls; i++) {
      const target = later[Math.floor(next() * Math.min(later.length, 12))];
      if (target !== undefined) chosen.add(target);
    }
    for (const target of chosen) {
      edges.push({
        ReferenceId: target,
        StartTime: epochSeconds(0),
        EndTime: epochSeconds(60),
        SummaryStatistics: statistics(120),
        ResponseTimeHistogram: histogram,
        Aliases: [],
        ResponseTimePercentiles: { P50: 0.05, P90: 0.09, P99: 0.2 },
      });
    }
    return {
      ReferenceId: id,
      Name: `service-${id}`,
      Names: [`service-${id}`],
      Root: layer === 0,
      Type: layer === 3 ? "AWS::DynamoDB::Table" : "AWS::ECS::Container",
      State: "active",
      StartTime: epochSeconds(0),
      EndTime: epochSeconds(60),
      Edges: edges,
      SummaryStatistics: statistics(400),
      DurationHistogram: histogram,
      ResponseTimeHistogram: histogram,
      ResponseTimePercentiles: { P50: 0.05, P90: 0.09, P99: 0.2 },
    };
  });
  return {
    StartTime: epochSeconds(0),
    EndTime: epochSeconds(60),
    Services: services,
    ContainsOldGroupVersions: false,
  };
}

/** `graph` with `extra` new stores, each called by one of the first services: traffic to new places. */
function withNewServices(graph: ServiceGraph, extra: number): ServiceGraph {
  const services = graph.Services.map((service) => ({ ...service, Edges: [...service.Edges] }));
  const template = services.at(-1);
  const caller = services[1] ?? services[0];
  if (template === undefined || caller === undefined) return graph;
  for (let i = 0; i < extra; i++) {
    const id = services.length;
    services.push({
      ...template,
      ReferenceId: id,
      Name: `new-${i}`,
      Names: [`new-${i}`],
      Edges: [],
    });
    const edge = caller.Edges[0];
    if (edge !== undefined) caller.Edges.push({ ...edge, ReferenceId: id });
  }
  return { ...graph, Services: services };
}

/** What `ServiceMapCanvas` hands the layout for a graph. */
function layoutInput(graph: ServiceGraph): LayoutInput {
  const map = toMapGraph(graph);
  return {
    nodes: map.services.map((s) => ({ id: s.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: map.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      labelWidth: EDGE_LABEL_WIDTH,
      labelHeight: EDGE_LABEL_HEIGHT,
    })),
  };
}

/** Median of `reps` runs after one to warm up, in milliseconds. */
function median(reps: number, run: () => void): number {
  run();
  const times: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function main(): void {
  const args = process.argv.slice(2);
  const count = option(args, "services", 50);
  const reps = option(args, "reps", 7);
  const big = syntheticGraph(count);
  const small = syntheticGraph(5);
  const grown = withNewServices(big, 5);
  const bigInput = layoutInput(big);
  const smallInput = layoutInput(small);
  const grownInput = layoutInput(grown);
  const drawn = layoutGraph(bigInput);

  const baseline = median(reps, () => layoutGraph(smallInput));
  const layout = median(reps, () => layoutGraph(bigInput));
  const growth = median(reps, () => keepPlaces(drawn, layoutGraph(grownInput)));
  const model = median(reps, () => toMapGraph(big));

  const rows = [
    ["step", "median", "against the 5-service layout"],
    [
      `layout of ${count} services, ${bigInput.edges.length} calls`,
      ms(layout),
      `${(layout / baseline).toFixed(1)}×`,
    ],
    [`layout of 5 services (baseline)`, ms(baseline), "1.0×"],
    [
      `${count} + 5 services joining live (layout + keep places)`,
      ms(growth),
      `${(growth / baseline).toFixed(1)}×`,
    ],
    [
      `GetServiceGraph answer → map model (${count} services)`,
      ms(model),
      `${(model / baseline).toFixed(1)}×`,
    ],
  ];
  for (const row of rows) process.stdout.write(`| ${row.join(" | ")} |\n`);
  process.stdout.write(
    `\ntarget: ${count} services laid out in < 1000 ms: ${layout < 1000 ? "met" : "NOT met"} (${ms(layout)}; ${reps} reps, medians; the machine may be shared)\n`,
  );
}

main();
