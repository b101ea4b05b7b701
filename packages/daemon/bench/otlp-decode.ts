/**
 * `pnpm bench:otlp-decode`: the protobuf decoder alone, in CPU time per span, over the
 * 512-span bodies `pnpm bench:otlp` sends. With `BASELINE=<another checkout's root>` it times
 * that checkout's decoder too, in alternating rounds in the same process (60 by default, the
 * order swapped every round), and prints the median of the per-round ratios: the way to tell
 * a change to the decoder from the noise of a shared machine.
 */

import { execSync } from "node:child_process";
import { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";
import { makeSpans, protobufBodies } from "./otlp-bench-spans.ts";

type Decode = (body: Uint8Array) => { readonly ok: boolean };

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const REQUESTS = Number(process.env.REQUESTS ?? 2_560);

const spans = makeSpans(REQUESTS);
const bodies = protobufBodies(spans);

const decoders: [string, Decode][] = [["this checkout", decodeProtobufRequest]];
const baseline = process.env.BASELINE;
if (baseline !== undefined) {
  const module = (await import(`${baseline}/packages/daemon/src/otlp/decode-protobuf.ts`)) as {
    decodeProtobufRequest: Decode;
  };
  decoders.push([`baseline (${baseline})`, module.decodeProtobufRequest]);
}

/** CPU µs a span to decode every body four times. */
function round(decode: Decode): number {
  const start = process.cpuUsage();
  for (let repeat = 0; repeat < 4; repeat++) {
    for (const body of bodies) if (!decode(body).ok) throw new Error("a body did not decode");
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (spans.length * 4);
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

for (const [, decode] of decoders) round(decode);
const loadBefore = loadAverage();
const times: number[][] = decoders.map(() => []);
for (let i = 0; i < ROUNDS; i++) {
  for (let k = 0; k < decoders.length; k++) {
    const j = (k + i) % decoders.length;
    times[j]?.push(round((decoders[j] as [string, Decode])[1]));
  }
}
console.log(
  `${spans.length} spans in bodies of 512, ${ROUNDS} rounds, medians; load before ${loadBefore}, after ${loadAverage()}`,
);
const first = times[0] as number[];
decoders.forEach(([name], j) => {
  const own = times[j] as number[];
  const ratios = own.map((value, i) => value / (first[i] as number));
  const ratio =
    j === 0
      ? ""
      : `; this checkout ÷ it: ${median(ratios.map((r) => 1 / r)).toFixed(2)} (median of round pairs)`;
  console.log(`${name}: ${median(own).toFixed(2)} CPU µs a span${ratio}`);
});
