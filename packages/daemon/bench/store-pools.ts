/**
 * `pnpm bench:store-pools`: what the unsampled pool costs `TraceStore.ingest`, the daemon's
 * hot path. The same documents (5 per trace, 40,000 traces, through a store bounded at
 * 10,000 sampled and 2,000 unsampled traces, so every pool evicts) are ingested with every
 * origin sampled (the baseline: one pool in use, as before the pools), half of the traces
 * unsampled, and every trace unsampled. `RUNS` (default 5) rounds alternate the three; the
 * medians of CPU time (user + system) per document are reported with their ratio to the
 * baseline, and the 1-minute load average.
 */

import { loadavg } from "node:os";
import {
  type DocumentIndex,
  type DocumentOrigin,
  documentIndex,
  epochMillis,
  epochSeconds,
  type SegmentId,
  type TraceId,
  TraceStore,
} from "@xray-sandbox/segments";

const RUNS = Number(process.env.RUNS ?? 5);
const TRACES = 40_000;
const PER_TRACE = 5;

function origin(sampled: boolean): DocumentOrigin {
  return {
    kind: "otlp",
    transport: "otlp-udp",
    span: {
      transport: "otlp-udp",
      sampled,
      traceId: "",
      spanId: "",
      parentSpanId: "",
      name: "GET /",
      kind: "SPAN_KIND_SERVER",
      startTimeUnixNano: "0",
      endTimeUnixNano: "0",
      status: { code: "STATUS_CODE_UNSET", message: "" },
      attributes: {},
      resource: {},
      scope: { name: "", version: "" },
      events: [],
      links: [],
    },
  };
}
const SAMPLED = origin(true);
const UNSAMPLED = origin(false);

interface Input {
  readonly index: DocumentIndex;
  readonly raw: string;
  readonly trace: number;
}

function inputs(): Input[] {
  const out: Input[] = [];
  for (let trace = 0; trace < TRACES; trace++) {
    const traceId = `1-6b080246-${trace.toString(16).padStart(24, "0")}` as TraceId;
    for (let n = 0; n < PER_TRACE; n++) {
      const document = {
        trace_id: traceId,
        id: (trace * PER_TRACE + n).toString(16).padStart(16, "0") as SegmentId,
        name: `svc-${n}`,
        start_time: epochSeconds(1795686982 + n),
        end_time: epochSeconds(1795686983 + n),
      };
      out.push({ index: documentIndex(document), raw: JSON.stringify(document), trace });
    }
  }
  return out;
}

type Variant = "all sampled" | "half unsampled" | "all unsampled";
const VARIANTS: readonly Variant[] = ["all sampled", "half unsampled", "all unsampled"];

function originOf(variant: Variant, trace: number): DocumentOrigin {
  if (variant === "all sampled") return SAMPLED;
  if (variant === "all unsampled") return UNSAMPLED;
  return trace % 2 === 0 ? SAMPLED : UNSAMPLED;
}

/** CPU nanoseconds per document for one pass. */
function run(variant: Variant, documents: readonly Input[]): number {
  const store = new TraceStore({
    maxTraces: 10_000,
    maxBytes: 256 * 1024 * 1024,
    unsampled: { maxTraces: 2_000, maxBytes: 32 * 1024 * 1024 },
  });
  const before = process.cpuUsage();
  for (const { index, raw, trace } of documents) {
    store.ingest(index, raw, raw.length, epochMillis(0), originOf(variant, trace));
  }
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / documents.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const documents = inputs();
const results = new Map<Variant, number[]>(VARIANTS.map((variant) => [variant, []]));
for (const variant of VARIANTS) run(variant, documents); // warm-up
const loads: number[] = [];
for (let round = 0; round < RUNS; round++) {
  for (const variant of VARIANTS) results.get(variant)?.push(run(variant, documents));
  loads.push(loadavg()[0] ?? Number.NaN);
}
const baseline = median(results.get("all sampled") ?? []);
console.log(
  `TraceStore.ingest, ${documents.length} documents a pass, ${RUNS} rounds; 1-min load ${loads.map((load) => load.toFixed(1)).join(", ")}`,
);
for (const variant of VARIANTS) {
  const value = median(results.get(variant) ?? []);
  console.log(
    `${variant.padEnd(15)} ${value.toFixed(0).padStart(6)} ns CPU/document  ×${(value / baseline).toFixed(2)}`,
  );
}
