/**
 * The live list with 100k traces: how long the viewer's store takes to apply a snapshot and
 * live batches, and how long a filter expression takes over every summary, each as a ratio
 * against a naive baseline run in the same process.
 *
 *   npx tsx apps/viewer/bench/list-bench.ts [--traces 100000] [--reps 5]
 *
 * Filters are evaluated on summaries alone (an empty assembled trace beside each), as the
 * viewer can for the traces it lists. Last, how building a trace's timeline rows grows with the
 * number of nodes. Keywords that read the segments themselves (`error`,
 * `fault`, `throttle`, `ok` look at the root document; `message`, `inferred`, `remote`,
 * `service()`, `edge()` walk the tree) need the trace and are not measured here.
 */

import {
  type AssembledTrace,
  compileFilter,
  type LiveServerMessage,
  type TraceId,
  type TraceNode,
  type TraceSummary,
} from "@xray-sandbox/segments";
import {
  applyListChanges,
  initialLiveState,
  type LiveState,
  receiveMessage,
} from "../src/live/live-state.ts";
import {
  syntheticNewestFirst,
  syntheticStats,
  syntheticSummary,
  syntheticTraceId,
} from "../src/live/synthetic-summaries.ts";
import { buildRows } from "../src/trace/build-rows.ts";
import { chainOrFan, node } from "../src/trace/test-trace.ts";

interface Options {
  readonly traces: number;
  readonly reps: number;
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = args.indexOf(`--${name}`);
    const parsed = index === -1 ? fallback : Number(args[index + 1]);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new Error(`--${name} must be a whole number`);
    return parsed;
  };
  return { traces: value("traces", 100_000), reps: value("reps", 5) };
}

/** Median of `reps` runs of `run` after one to warm up, in milliseconds; `prepare` is not timed. */
function measure<T>(reps: number, prepare: () => T, run: (input: T) => void): number {
  run(prepare());
  const times: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const input = prepare();
    const started = performance.now();
    run(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function snapshotOf(summaries: readonly TraceSummary[]): LiveServerMessage {
  return {
    type: "snapshot",
    seq: 1,
    filter: null,
    summaries,
    total: summaries.length,
    limit: summaries.length,
    stats: syntheticStats({ traces: summaries.length }),
  };
}

function loaded(summaries: readonly TraceSummary[]): LiveState {
  return receiveMessage(initialLiveState(), snapshotOf(summaries));
}

/** What a store without an order index would do per batch: copy, filter and re-sort it all. */
function naiveBatch(
  ids: readonly TraceId[],
  keys: Map<TraceId, number>,
  upserts: readonly TraceSummary[],
  removed: ReadonlySet<TraceId>,
): TraceId[] {
  for (const summary of upserts) keys.set(summary.id, summary.firstReceivedAt);
  const next = [...upserts.map((summary) => summary.id), ...ids.filter((id) => !removed.has(id))];
  return next.sort((a, b) => (keys.get(b) ?? 0) - (keys.get(a) ?? 0));
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(3) : value.toFixed(1)} ms`;
const ratio = (ours: number, baseline: number) => `${(baseline / ours).toFixed(1)}×`;

function benchStore({ traces, reps }: Options, summaries: readonly TraceSummary[]): string[] {
  const batchSize = 100;
  const batches = 200;
  const lines = [
    `### Store, ${traces.toLocaleString("en-US")} traces (median of ${reps})`,
    "",
    row(["operation", "viewer store", "naive baseline", "baseline / store"]),
    row(["---", "---:", "---:", "---:"]),
  ];

  const snapshot = snapshotOf(summaries);
  const snapshotTime = measure(reps, initialLiveState, (state) => receiveMessage(state, snapshot));
  const naiveSnapshot = measure(
    reps,
    () => undefined,
    () => {
      const map = new Map(summaries.map((summary) => [summary.id, summary]));
      [...map.values()].sort((a, b) => b.firstReceivedAt - a.firstReceivedAt);
    },
  );
  lines.push(
    row(["snapshot", ms(snapshotTime), ms(naiveSnapshot), ratio(snapshotTime, naiveSnapshot)]),
  );

  const arrivals = Array.from({ length: batches }, (_, b) =>
    syntheticNewestFirst(traces + b * batchSize, traces + (b + 1) * batchSize),
  );
  const evictions = Array.from({ length: batches }, (_, b) =>
    Array.from({ length: batchSize }, (_, i) => syntheticTraceId(b * batchSize + i)),
  );
  const liveBatches =
    measure(
      reps,
      () => loaded(summaries),
      (state) => {
        let current = state;
        for (let b = 0; b < batches; b++) {
          current = applyListChanges(current, {
            cleared: false,
            removed: evictions[b] ?? [],
            upserts: arrivals[b] ?? [],
          });
        }
      },
    ) / batches;
  const naiveBatches = 10;
  const naiveLive =
    measure(
      reps,
      () => ({
        ids: summaries.map((summary) => summary.id),
        keys: new Map(summaries.map((summary) => [summary.id, summary.firstReceivedAt as number])),
      }),
      ({ ids, keys }) => {
        let current: readonly TraceId[] = ids;
        for (let b = 0; b < naiveBatches; b++) {
          current = naiveBatch(current, keys, arrivals[b] ?? [], new Set(evictions[b]));
        }
      },
    ) / naiveBatches;
  lines.push(
    row([
      `batch: ${batchSize} new, ${batchSize} oldest evicted`,
      ms(liveBatches),
      ms(naiveLive),
      ratio(liveBatches, naiveLive),
    ]),
  );

  const updates = Array.from({ length: batches }, (_, b) =>
    Array.from({ length: batchSize }, (_, i) =>
      syntheticSummary((b * 7919 + i * 104_729) % traces, { partial: true }),
    ),
  );
  const updateBatches =
    measure(
      reps,
      () => loaded(summaries),
      (state) => {
        let current = state;
        for (const upserts of updates) {
          current = applyListChanges(current, { cleared: false, removed: [], upserts });
        }
      },
    ) / batches;
  lines.push(
    row([
      `batch: ${batchSize} known traces changed`,
      ms(updateBatches),
      ms(naiveLive),
      ratio(updateBatches, naiveLive),
    ]),
  );

  const middle = Array.from({ length: batchSize }, (_, i) =>
    syntheticTraceId(Math.floor(traces / 2) + i * 3),
  );
  const middleRemoval = measure(
    reps,
    () => loaded(summaries),
    (state) => applyListChanges(state, { cleared: false, removed: middle, upserts: [] }),
  );
  lines.push(
    row([
      `batch: ${batchSize} removed from the middle (worst case)`,
      ms(middleRemoval),
      ms(naiveLive),
      ratio(middleRemoval, naiveLive),
    ]),
  );
  return lines;
}

/** Summary-level filters the viewer can evaluate without the assembled trace. */
const FILTERS: ReadonlyArray<{ source: string; baseline: (summary: TraceSummary) => boolean }> = [
  { source: "http.status = 500", baseline: (s) => s.http?.status === 500 },
  { source: "responsetime > 0.05", baseline: (s) => (s.responseTime ?? 0) > 0.05 },
  { source: 'http.url CONTAINS "cart"', baseline: (s) => s.http?.url?.includes("cart") === true },
  {
    source: 'http.method = "POST" AND duration < 0.01',
    baseline: (s) => s.http?.method === "POST" && (s.duration ?? Number.POSITIVE_INFINITY) < 0.01,
  },
  {
    source: 'annotation.tenant = "t3"',
    baseline: (s) => s.annotations.tenant?.includes("t3") === true,
  },
  { source: 'user = "alice"', baseline: (s) => s.users.includes("alice") },
  { source: 'name = "payments"', baseline: (s) => s.services.some((x) => x.name === "payments") },
  { source: "partial", baseline: (s) => s.partial || s.inProgress },
];

function benchFilters({ traces, reps }: Options, summaries: readonly TraceSummary[]): string[] {
  const lines = [
    "",
    `### Filters over ${traces.toLocaleString("en-US")} summaries (median of ${reps})`,
    "",
    row([
      "filter",
      "matches",
      "compileFilter",
      "per trace",
      "hand-written JS",
      "compileFilter / JS",
    ]),
    row(["---", "---:", "---:", "---:", "---:", "---:"]),
  ];
  const contexts = summaries.map((summary) => ({ summary, trace: emptyTrace(summary.id) }));
  for (const { source, baseline } of FILTERS) {
    const compiled = compileFilter(source);
    if (!compiled.ok) throw new Error(`${source}: ${compiled.error.message}`);
    const filter = compiled.filter;
    let matches = 0;
    const ours = measure(
      reps,
      () => undefined,
      () => {
        matches = 0;
        for (const context of contexts) if (filter.matches(context)) matches++;
      },
    );
    let expected = 0;
    const plain = measure(
      reps,
      () => undefined,
      () => {
        expected = 0;
        for (const summary of summaries) if (baseline(summary)) expected++;
      },
    );
    if (matches !== expected) {
      throw new Error(`${source}: compileFilter matched ${matches}, the baseline ${expected}`);
    }
    lines.push(
      row([
        `\`${source}\``,
        matches.toLocaleString("en-US"),
        ms(ours),
        `${((ours * 1e6) / summaries.length).toFixed(0)} ns`,
        ms(plain),
        `${(ours / plain).toFixed(1)}×`,
      ]),
    );
  }
  return lines;
}

function emptyTrace(id: TraceId): AssembledTrace {
  return { id, segments: [], orphans: [], documents: [] };
}

function shapedTrace(
  count: number,
  shape: "wide" | "deep",
): { segments: TraceNode[]; orphans: [] } {
  return {
    segments: [node("root", 0, 1, chainOrFan(count, shape === "wide" ? "fan" : "chain"))],
    orphans: [],
  };
}

/** Timeline rows for 2k and 20k nodes: linear work gives a ratio near 10, quadratic near 100. */
function benchTraceRows({ reps }: Options): string[] {
  const lines = [
    "",
    `### Timeline rows for one trace (median of ${reps})`,
    "",
    row(["shape", "2,000 nodes", "20,000 nodes", "20k / 2k (linear ≈ 10)"]),
    row(["---", "---:", "---:", "---:"]),
  ];
  const none: ReadonlySet<string> = new Set();
  for (const shape of ["wide", "deep"] as const) {
    const small = shapedTrace(2_000, shape);
    const large = shapedTrace(20_000, shape);
    // A fresh object each run, so the per-trace layout cache does not answer it.
    const smallTime = measure(
      reps,
      () => ({ ...small }),
      (trace) => buildRows(trace, none),
    );
    const largeTime = measure(
      reps,
      () => ({ ...large }),
      (trace) => buildRows(trace, none),
    );
    lines.push(
      row([shape, ms(smallTime), ms(largeTime), `${(largeTime / smallTime).toFixed(1)}×`]),
    );
  }
  return lines;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const summaries = syntheticNewestFirst(0, options.traces);
  const lines = [
    ...benchStore(options, summaries),
    ...benchFilters(options, summaries),
    ...benchTraceRows(options),
  ];
  console.log(lines.join("\n"));
}

main();
