/**
 * `pnpm bench:otlp-translate`: the OTLP translator alone, in CPU time per span, over the
 * spans `pnpm bench:otlp` sends (decoded once, 512 a request, outside the timing). With
 * `BASELINE=<path to another checkout's packages/segments/src/index.ts>` it times that
 * checkout's translator too, in alternating rounds in the same process, and reports this
 * one's cost as a ratio of it: the way to tell a change to the translator from the noise of
 * a shared machine. Each round also writes every document with `JSON.stringify`, timed apart.
 */

import { execSync } from "node:child_process";
import type { OtlpTraceRequest } from "@xray-sandbox/segments";
import { translateTraceRequest } from "@xray-sandbox/segments";
import { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";
import { makeSpans, protobufBodies, TRANSLATE } from "./otlp-bench-spans.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const REQUESTS = Number(process.env.REQUESTS ?? 2_560);

type Translate = typeof translateTraceRequest;

const spans = makeSpans(REQUESTS);
const requests: OtlpTraceRequest[] = [];
for (const body of protobufBodies(spans)) {
  const decoded = decodeProtobufRequest(body);
  if (!decoded.ok) throw new Error(decoded.message);
  requests.push(decoded.request);
}

function cpuMillis(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Translating every request, then stringifying every document: CPU µs per span each. */
function round(translate: Translate): { translate: number; stringify: number } {
  const documents: unknown[] = [];
  const translating = cpuMillis(() => {
    for (const request of requests) {
      for (const { document } of translate(request, "otlp-http-protobuf", true, TRANSLATE)
        .documents)
        documents.push(document);
    }
  });
  if (documents.length !== spans.length) throw new Error("the translator lost spans");
  let bytes = 0;
  const stringifying = cpuMillis(() => {
    for (const document of documents) bytes += JSON.stringify(document).length;
  });
  if (bytes === 0) throw new Error("no JSON written");
  return {
    translate: (translating * 1000) / spans.length,
    stringify: (stringifying * 1000) / spans.length,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

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

const baselinePath = process.env.BASELINE;
const baseline: Translate | undefined =
  baselinePath === undefined
    ? undefined
    : ((await import(baselinePath)) as { translateTraceRequest: Translate }).translateTraceRequest;

const loadBefore = loadAverage();
const rows = {
  current: [] as ReturnType<typeof round>[],
  baseline: [] as ReturnType<typeof round>[],
};
round(translateTraceRequest);
if (baseline !== undefined) round(baseline);
for (let i = 0; i < ROUNDS; i++) {
  rows.current.push(round(translateTraceRequest));
  if (baseline !== undefined) rows.baseline.push(round(baseline));
}
const loadAfter = loadAverage();

const summary = (list: ReturnType<typeof round>[]) => ({
  translate: median(list.map((r) => r.translate)),
  stringify: median(list.map((r) => r.stringify)),
  range: `${Math.min(...list.map((r) => r.translate)).toFixed(2)}-${Math.max(...list.map((r) => r.translate)).toFixed(2)}`,
});
const current = summary(rows.current);
console.log(
  `${spans.length} spans, ${ROUNDS} rounds, medians; load before ${loadBefore}, after ${loadAfter}`,
);
console.log(
  `this checkout: translate ${current.translate.toFixed(2)} CPU µs a span (rounds ${current.range}), JSON.stringify ${current.stringify.toFixed(2)}`,
);
if (baseline !== undefined) {
  const base = summary(rows.baseline);
  const ratios = rows.current.map(
    (r, i) => r.translate / (rows.baseline[i]?.translate ?? Number.NaN),
  );
  console.log(
    `baseline: translate ${base.translate.toFixed(2)} CPU µs a span (rounds ${base.range}), JSON.stringify ${base.stringify.toFixed(2)}`,
  );
  console.log(
    `translate, this ÷ baseline: ${(current.translate / base.translate).toFixed(2)} (median of round pairs ${median(ratios).toFixed(2)})`,
  );
}
