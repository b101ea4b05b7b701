/**
 * `pnpm bench:otlp`: what an OpenTelemetry span costs the daemon, against an X-Ray JSON
 * document of the same content, in the same run. Spans are made by the real OTel SDK
 * (HTTP server spans with a database child, attributes as instrumentations set them) and
 * encoded by its own OTLP protobuf serializer; the X-Ray documents are what those spans
 * translate to, sent as JSON text. Each path fills a fresh in-process ingest service and
 * store (what every source shares past its socket), so the figures compare the work per
 * span, not the network:
 *
 * - X-Ray JSON: `ingest.document(text)` per document (the PutTraceSegments / UDP path);
 * - ADOT UDP: `T1S` datagrams of 10 spans (header, prefix, base64 protobuf);
 * - OTLP/HTTP: protobuf bodies of 512 spans;
 * - OTLP/HTTP translated at ingest: the same bodies, every span translated, written with
 *   `JSON.stringify` and checked at once (`translateTraceRequest` and `ingest.translated()`,
 *   what the intake did before protobuf spans were filed lazily), for comparison;
 * - decode only: the same 512-span bodies, protobuf and OTLP JSON, into the span model (no
 *   translation, no store), the share of the OTLP paths' cost the decoders take.
 *
 * Each path that fills a store is then read: one summary of every stored trace
 * (`store.getSummary`, which assembles the trace from its documents' text and runs the trace
 * doctor, as `GET /api/traces` does), timed on its own. An OTLP protobuf span's text is
 * written the first time it is read, so its read pays the translation the X-Ray JSON path
 * never pays; the table shows ingest alone (the target) and ingest plus that read.
 *
 * `RUNS` (default 15) rounds, alternating the paths; medians are reported, in CPU time
 * (`process.cpuUsage()`: user + system of every thread, the GC's helpers too; the steadier
 * figure on a shared machine) and in wall-clock time, with the load average before and after.
 * Each OTLP path's ratio to the X-Ray JSON path is also taken round by round and summed up
 * (median, middle half, how many rounds at most 1.0): one busy second on a shared machine
 * moves a single ratio of medians by ±0.2.
 * `REQUESTS` (default 5,120) requests of two spans each.
 *
 * Before each path's timed ingest, and before each timed read, a full garbage collection
 * runs (outside the timed region), so no path pays for collecting the store or the garbage
 * the previous path left behind. `GC=0` turns that off (the figures before round 6).
 *
 * The heap a region starts with holds the code, the path's own input and little else: the
 * SDK's span objects are dropped once encoded, and the texts (the X-Ray documents, the OTLP
 * JSON bodies) are kept as bytes outside the heap and made strings just before the region
 * that reads them (round 9). Before, every region's collections marked every path's inputs,
 * so a path paid for them in proportion to what it allocated.
 */

import { execSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { epochMillis, TraceStore, translateTraceRequest } from "@xray-sandbox/segments";
import { IngestService } from "../src/ingest/ingest-service.ts";
import { silentLogger } from "../src/logger.ts";
import { decodeJsonRequest } from "../src/otlp/decode-json.ts";
import { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";
import { OtlpIntake } from "../src/otlp/otlp-intake.ts";
import { RejectionLog } from "../src/rejection-log.ts";
import { freshIngest } from "./bench-checkout.ts";
import {
  adotDatagrams,
  batches,
  makeSpans,
  protobufBodies,
  TRANSLATE,
  translatedTexts,
} from "./otlp-bench-spans.ts";
import { percentile } from "./percentile.ts";

const RUNS = Number(process.env.RUNS ?? 15);
const REQUESTS = Number(process.env.REQUESTS ?? 5_120);
const FORCE_GC = process.env.GC !== "0";

/** V8's full collection: `gc` from `--expose-gc`, or exposed at run time when absent. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();
/** Collects everything the previous path left, outside any timed region (unless `GC=0`). */
function settle(): void {
  if (FORCE_GC) collectGarbage();
}

const freshService = () =>
  freshIngest({ TraceStore, IngestService, RejectionLog, silentLogger, OtlpIntake });

interface Timing {
  /** Wall-clock milliseconds. */
  readonly wall: number;
  /** Milliseconds of CPU (user + system, every thread of the process: GC helpers too). */
  readonly cpu: number;
}

function time(run: () => void): Timing {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Texts kept as UTF-8 bytes, outside the JS heap, and made strings again only for the timed
 * region that reads them (outside it): the collections a region triggers then mark only its
 * own inputs, not every other path's (the JSON texts are about 15 MB of strings).
 */
class TextsAsBytes {
  readonly #bytes: Buffer;
  readonly #ends: number[] = [];

  constructor(texts: readonly string[]) {
    const parts = texts.map((text) => Buffer.from(text, "utf8"));
    let end = 0;
    for (const part of parts) {
      end += part.byteLength;
      this.#ends.push(end);
    }
    this.#bytes = Buffer.concat(parts);
  }

  get length(): number {
    return this.#ends.length;
  }

  /** Their UTF-8 bytes in all. */
  get byteLength(): number {
    return this.#bytes.byteLength;
  }

  strings(): string[] {
    return this.#ends.map((end, i) =>
      this.#bytes.toString("utf8", i === 0 ? 0 : this.#ends[i - 1], end),
    );
  }
}

/**
 * What every path is given, encoded from the SDK's spans. The span objects (about 25 MB) are
 * not kept: every timed region would pay for marking them in each collection it triggers.
 */
function encodeInputs() {
  const spans = makeSpans(REQUESTS);
  const textDecoder = new TextDecoder();
  return {
    spanCount: spans.length,
    httpBodies: protobufBodies(spans),
    jsonBodies: new TextsAsBytes(
      batches(spans, 512).map((batch) =>
        textDecoder.decode(JsonTraceSerializer.serializeRequest(batch)),
      ),
    ),
    datagrams: adotDatagrams(spans),
  };
}
const { spanCount, httpBodies, jsonBodies, datagrams } = encodeInputs();
/** The X-Ray documents the spans translate to, as JSON text. */
const jsonDocuments = new TextsAsBytes(
  translatedTexts(httpBodies, decodeProtobufRequest, translateTraceRequest),
);
const jsonBytes = jsonDocuments.byteLength;
const protobufBytes = httpBodies.reduce((sum, body) => sum + body.byteLength, 0);
// What making them left is released once this job ends (a `WeakRef` keeps its target until then).
await new Promise((resolve) => setTimeout(resolve, 0));

const results = {
  json: [] as Timing[],
  udp: [] as Timing[],
  http: [] as Timing[],
  httpEager: [] as Timing[],
  decodeProtobuf: [] as Timing[],
  decodeJson: [] as Timing[],
};
/** The first read of every stored trace, per path. */
const reads = {
  json: [] as Timing[],
  udp: [] as Timing[],
  http: [] as Timing[],
  httpEager: [] as Timing[],
};
/** One summary of every trace: each of its documents' text is read (written, if lazy) and parsed. */
function readAll(store: TraceStore): Timing {
  settle();
  return time(() => {
    for (const id of store.traceIds()) {
      if (store.getSummary(id) === undefined) throw new Error("a stored trace has no summary");
    }
  });
}
/** What the intake did before spans were filed lazily: translate, stringify, check, store. */
function ingestEagerly(ingest: IngestService, body: Uint8Array): void {
  const decoded = decodeProtobufRequest(body);
  if (!decoded.ok) throw new Error(decoded.message);
  const source = {
    kind: "otlp",
    transport: "otlp-http-protobuf",
    sampled: true,
    peer: undefined,
  } as const;
  const translated = translateTraceRequest(decoded.request, source.transport, true, TRANSLATE);
  const receivedAt = epochMillis(Date.now());
  for (const { document, origin } of translated.documents) {
    ingest.translated(document, JSON.stringify(document), source, receivedAt, origin);
  }
}
/** Decodes every body, checking that each decodes and that no span is lost. */
function decodeAll<T>(
  bodies: readonly T[],
  decode: (body: T) => ReturnType<typeof decodeJsonRequest>,
): void {
  let decoded = 0;
  for (const body of bodies) {
    const result = decode(body);
    if (!result.ok) throw new Error(result.message);
    decoded += result.spans;
  }
  if (decoded !== spanCount) throw new Error("a decoder lost spans");
}
settle();
/** The heap every timed region starts from (the inputs, the code), in MB. */
const heapAtStart = process.memoryUsage().heapUsed / 1e6;
const loadBefore = loadAverage();
for (let run = 0; run < RUNS; run++) {
  {
    // Strings made before the collection, so that they start in the old generation, as the
    // documents of a PutTraceSegments body already read would.
    const texts = jsonDocuments.strings();
    settle();
    const { ingest, store } = freshService();
    results.json.push(
      time(() => {
        for (const text of texts)
          ingest.document(text, { kind: "api", operation: "PutTraceSegments" });
      }),
    );
    if (store.stats().documents !== jsonDocuments.length)
      throw new Error("X-Ray JSON path lost documents");
    reads.json.push(readAll(store));
  }
  {
    settle();
    const { intake, store } = freshService();
    results.udp.push(
      time(() => {
        for (const datagram of datagrams) intake.payload(datagram, "otlp-udp", undefined);
      }),
    );
    if (store.stats().documents !== spanCount) throw new Error("ADOT UDP path lost spans");
    reads.udp.push(readAll(store));
  }
  {
    settle();
    const { intake, store } = freshService();
    results.http.push(
      time(() => {
        for (const body of httpBodies)
          intake.body(body, "protobuf", "otlp-http-protobuf", undefined);
      }),
    );
    if (store.stats().documents !== spanCount) throw new Error("OTLP/HTTP path lost spans");
    reads.http.push(readAll(store));
  }
  {
    settle();
    const { ingest, store } = freshService();
    results.httpEager.push(
      time(() => {
        for (const body of httpBodies) ingestEagerly(ingest, body);
      }),
    );
    if (store.stats().documents !== spanCount) throw new Error("eager OTLP path lost spans");
    reads.httpEager.push(readAll(store));
  }
  settle();
  results.decodeProtobuf.push(time(() => decodeAll(httpBodies, decodeProtobufRequest)));
  const bodies = jsonBodies.strings();
  settle();
  results.decodeJson.push(time(() => decodeAll(bodies, decodeJsonRequest)));
}

const load = loadAverage();
function loadAverage(): string {
  try {
    return execSync("uptime")
      .toString()
      .trim()
      .replace(/^.*load average:\s*/, "");
  } catch {
    return "unknown";
  }
}
const perSpan = (ms: number) => (ms * 1000) / spanCount;
const medianOf = (timings: readonly Timing[], key: keyof Timing) =>
  median(timings.map((timing) => timing[key]));
const json = { cpu: medianOf(results.json, "cpu"), wall: medianOf(results.json, "wall") };
const rows: [string, readonly Timing[]][] = [
  ["X-Ray JSON documents (baseline)", results.json],
  ["ADOT UDP T1S, 10 spans a datagram", results.udp],
  ["OTLP/HTTP protobuf, 512 spans a body", results.http],
  ["OTLP/HTTP protobuf, translated at ingest (as before)", results.httpEager],
  ["decode only: protobuf, 512 spans a body", results.decodeProtobuf],
  ["decode only: OTLP JSON, 512 spans a body", results.decodeJson],
];
console.log(
  `${spanCount} spans (${REQUESTS} requests of a server span and a query); X-Ray JSON ${(jsonBytes / spanCount).toFixed(0)} B a document, protobuf ${(protobufBytes / spanCount).toFixed(0)} B a span; ${RUNS} runs, medians; ${FORCE_GC ? "full GC before each timed region" : "no forced GC"}; heap ${heapAtStart.toFixed(1)} MB at start; load before ${loadBefore}, after ${load}\n`,
);
console.log(
  "| path | CPU µs per span | spans per CPU second | CPU cost ÷ X-Ray JSON | wall µs per span | wall cost ÷ X-Ray JSON |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, timings] of rows) {
  const cpu = medianOf(timings, "cpu");
  const wall = medianOf(timings, "wall");
  console.log(
    `| ${name} | ${perSpan(cpu).toFixed(2)} | ${Math.round(spanCount / (cpu / 1000)).toLocaleString("en-US")} | ${(cpu / json.cpu).toFixed(2)} | ${perSpan(wall).toFixed(2)} | ${(wall / json.wall).toFixed(2)} |`,
  );
}

/** Ingest plus the first read, round by round (the same store each time). */
const withRead = (ingested: readonly Timing[], read: readonly Timing[]): Timing[] =>
  ingested.map((timing, i) => ({
    wall: timing.wall + (read[i]?.wall ?? Number.NaN),
    cpu: timing.cpu + (read[i]?.cpu ?? Number.NaN),
  }));
const readRows: [string, readonly Timing[], readonly Timing[]][] = [
  ["X-Ray JSON documents (baseline)", results.json, reads.json],
  ["ADOT UDP T1S, 10 spans a datagram", results.udp, reads.udp],
  ["OTLP/HTTP protobuf, 512 spans a body", results.http, reads.http],
  ["OTLP/HTTP protobuf, translated at ingest (as before)", results.httpEager, reads.httpEager],
];
const jsonWithRead = medianOf(withRead(results.json, reads.json), "cpu");
console.log(
  "\nIngest, then one summary of every stored trace (the first read: text written if lazy, parsed, assembled, diagnosed), CPU:\n",
);
console.log(
  "| path | ingest µs per span | first read µs per span | ingest + read µs per span | ingest + read ÷ X-Ray JSON |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const [name, ingested, read] of readRows) {
  const both = medianOf(withRead(ingested, read), "cpu");
  console.log(
    `| ${name} | ${perSpan(medianOf(ingested, "cpu")).toFixed(2)} | ${perSpan(medianOf(read, "cpu")).toFixed(2)} | ${perSpan(both).toFixed(2)} | ${(both / jsonWithRead).toFixed(2)} |`,
  );
}

const runRatios = (timings: readonly Timing[]): number[] =>
  timings.map((timing, i) => timing.cpu / (results.json[i]?.cpu ?? Number.NaN));
/** The median of the run-by-run ratios, the middle half of them, and how many are at most 1. */
function ratioSpread(timings: readonly Timing[]): string {
  const ratios = runRatios(timings);
  const at = (q: number) => (percentile(ratios, q) ?? Number.NaN).toFixed(2);
  const within = ratios.filter((ratio) => ratio <= 1).length;
  return `median ${at(0.5)}, middle half ${at(0.25)}-${at(0.75)}, at most 1.00 in ${within} of ${ratios.length} runs`;
}
console.log("\nCPU cost ÷ X-Ray JSON, run by run (each against the same round's X-Ray JSON):\n");
const paths: [string, readonly Timing[]][] = [
  ["ADOT UDP", results.udp],
  ["OTLP/HTTP", results.http],
  ["OTLP/HTTP translated at ingest", results.httpEager],
];
for (const [name, timings] of paths) {
  console.log(
    `- ${name}: ${runRatios(timings)
      .map((ratio) => ratio.toFixed(2))
      .join(", ")}`,
  );
}
console.log(
  "\nThe same ratios, summed up (steadier than the ratio of two medians on a busy machine):\n",
);
for (const [name, timings] of paths) console.log(`- ${name}: ${ratioSpread(timings)}`);
