/**
 * `pnpm bench:root-causes`: what the root causes add to each `GetTraceSummaries` entry, in CPU
 * time per trace, against the same entry without them measured in the same run.
 *
 * 2,000 traces shaped like the Node SDK's output (2 to 6 documents each, downstream segments,
 * streamed subsegments, some faulty) are assembled once; then, in ROUNDS rounds, each of
 * `traceServiceMap` (the baseline), `traceRootCauses` and the whole `toXRayTraceSummary` runs
 * over all of them. Also one hostile trace: a chain of 20,000 streamed subsegments, all
 * faulty, against `summarizeTrace` of the same trace. Reported: the median CPU time per
 * trace over the rounds, its ratio to the baseline, and the 1-minute load average (the
 * machine is shared). It measures; it never fails on a number.
 */

import { loadavg } from "node:os";
import {
  type AssembledTrace,
  assembleTrace,
  documentIndex,
  epochMillis,
  type StoredDocument,
  summarizeTrace,
  type TopLevelDocument,
  type TraceId,
  type TraceRootCauses,
  traceRootCauses,
  traceServiceMap,
} from "@xray-sandbox/segments";
import { RootCauseCounts } from "../src/xray-api/root-cause-counts.ts";
import { toXRayTraceSummary } from "../src/xray-api/trace-summary-shape.ts";
import { percentile } from "./percentile.ts";
import { Shapes } from "./seeded-shapes.ts";
import { buildTraceDocuments } from "./trace-documents.ts";

const TRACES = 2_000;
const ROUNDS = 7;
const CHAIN = 20_000;
const NOW = 0x6a000000;

function stored(documents: readonly TopLevelDocument[]): StoredDocument[] {
  return documents.map((document, index) => ({
    document,
    index: documentIndex(document),
    raw: "",
    bytes: 0,
    receivedAt: epochMillis(index),
    origin: undefined,
  }));
}

function sdkTraces(): AssembledTrace[] {
  const shapes = new Shapes(19);
  return Array.from({ length: TRACES }, (_, index) => {
    const id = `1-${NOW.toString(16)}-${shapes.hex(24)}` as TraceId;
    const documents = buildTraceDocuments(shapes, index, {
      traceId: id,
      targetBytes: 1_000,
      nowSeconds: NOW,
    }) as unknown as TopLevelDocument[];
    return assembleTrace(id, stored(documents));
  });
}

function chainTrace(): AssembledTrace {
  const id = `1-${NOW.toString(16)}-${"c".repeat(24)}` as TraceId;
  const hex = (n: number) => n.toString(16).padStart(16, "0");
  const documents: TopLevelDocument[] = [
    {
      trace_id: id,
      id: hex(1),
      name: "deep",
      start_time: NOW,
      end_time: NOW + 1,
      fault: true,
    } as TopLevelDocument,
  ];
  for (let n = 2; n <= CHAIN + 1; n++) {
    documents.push({
      type: "subsegment",
      trace_id: id,
      parent_id: hex(n - 1),
      id: hex(n),
      name: `level-${n}`,
      start_time: NOW,
      end_time: NOW + 1,
      fault: true,
    } as TopLevelDocument);
  }
  return assembleTrace(id, stored(documents));
}

type Work = (trace: AssembledTrace) => unknown;

/**
 * Median CPU microseconds per trace of each work over `traces`. The works take turns within
 * each round (so a change in the machine's load reaches them alike); one warm-up round is
 * left out.
 */
function cpuPerTrace(traces: readonly AssembledTrace[], works: readonly Work[]): number[] {
  const readings: number[][] = works.map(() => []);
  let sink = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [w, work] of works.entries()) {
      const before = process.cpuUsage();
      for (const trace of traces) if (work(trace) !== undefined) sink++;
      const used = process.cpuUsage(before);
      if (round > 0) readings[w]?.push((used.user + used.system) / traces.length);
    }
  }
  if (sink < 0) console.log(sink);
  return readings.map((values) => percentile(values, 0.5) ?? 0);
}

function row(name: string, micros: number, baseline: number): string {
  const load = (loadavg()[0] ?? 0).toFixed(1);
  return `| ${name} | ${micros.toFixed(1)} µs | ${(micros / baseline).toFixed(2)} | ${load} |`;
}

/** Leaves the root causes out: the summary entry as it was before they were filled. */
class NoRootCauses extends RootCauseCounts {
  override of(): TraceRootCauses {
    return { FaultRootCauses: [], ErrorRootCauses: [], ResponseTimeRootCauses: [] };
  }
}

const traces = sdkTraces();
const summaries = new Map(traces.map((trace) => [trace, summarizeTrace(trace)]));
const summaryOf = (trace: AssembledTrace) => summaries.get(trace) ?? summarizeTrace(trace);
const counts = new RootCauseCounts();
const none = new NoRootCauses();
const faulty = traces.filter((trace) => summaryOf(trace).hasFault || summaryOf(trace).hasError);
const header =
  "| work | CPU per trace | ratio to baseline | load (1 min) |\n| --- | --- | --- | --- |";
console.log(
  `${TRACES} SDK-shaped traces (${faulty.length} with a fault or error), ${ROUNDS} rounds, median CPU per trace`,
);
console.log(header);
const [entryWithout = 0, entryWith = 0, serviceMap = 0, causes = 0] = cpuPerTrace(traces, [
  (trace) => toXRayTraceSummary(summaryOf(trace), trace, none),
  (trace) => toXRayTraceSummary(summaryOf(trace), trace, counts),
  traceServiceMap,
  traceRootCauses,
]);
console.log(row("toXRayTraceSummary without root causes (baseline)", entryWithout, entryWithout));
console.log(row("toXRayTraceSummary with root causes", entryWith, entryWithout));
console.log(row("traceServiceMap alone", serviceMap, entryWithout));
console.log(row("traceRootCauses alone", causes, entryWithout));

const chain = [chainTrace()];
console.log(`\nOne chain of ${CHAIN.toLocaleString("en")} faulty subsegments`);
console.log(header);
const [summarize = 0, chainCauses = 0] = cpuPerTrace(chain, [summarizeTrace, traceRootCauses]);
console.log(row("summarizeTrace (baseline)", summarize, summarize));
console.log(row("traceRootCauses", chainCauses, summarize));
