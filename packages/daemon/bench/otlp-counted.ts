/**
 * `pnpm bench:otlp-counted`: what an OpenTelemetry span costs the daemon against an X-Ray JSON
 * document of the same content, counted instead of timed, so that the figures do not move with
 * what else the machine runs. Each path's ingest runs under Valgrind's cachegrind, which counts
 * the instructions executed and simulates the caches (32 KB first-level instruction and data
 * caches, an 8 MB last-level cache, 64-byte lines); the cost reported is the estimated cycles
 * instruction-counting benchmark tools (iai, CodSpeed) derive from those counts (see
 * `estimatedCycles`).
 *
 * The inputs are `pnpm bench:otlp`'s: spans made by the real OTel SDK, sent as X-Ray JSON
 * documents (what they translate to), as ADOT UDP `T1S` datagrams of 10 spans, and as
 * OTLP/HTTP protobuf bodies of 512 spans.
 *
 * A path's cost is the difference of two processes. Both ingest everything `WARMUP` times
 * (default 3), each round into a fresh store after a full collection. One then does `ROUNDS`
 * more rounds (default 8), the other as many more full collections. The difference, divided
 * by the spans of those rounds, leaves out the process's start, the loading of the code, its
 * warm-up and the forced collections (outside the timed regions in `pnpm bench:otlp` too), all
 * but the freeing of each round's store.
 *
 * Each path is counted twice: alone (the warm-up rounds are its own), and after every path
 * (the warm-up rounds go through all three in turn, as in a daemon taking more than one kind
 * of traffic, or in `pnpm bench:otlp`'s one process: the code the paths share has seen every
 * kind of document). Node runs with `--single-threaded` (the collector's and the compiler's
 * work on the main thread, in an order that does not depend on timing), so two runs give
 * nearly the same differences (BENCHMARKS.md says how nearly); `REPEATS` (default 1) runs
 * every process again, with the same inputs, and shows the spread.
 *
 * Needs Valgrind (`apt-get install valgrind`). The processes run side by side, as many as
 * there are cores; on 2 cores the default takes about 10 minutes. `REQUESTS` (default 5,120)
 * requests of two spans each. `CHECKOUT=<another checkout's root>` counts that checkout's
 * daemon and store with the same inputs (made here), for an exact before and after.
 */

import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { translateTraceRequest } from "@xray-sandbox/segments";
import { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";
import {
  type CacheCounts,
  countsBetween,
  countsPer,
  estimatedCycles,
  firstLevelMisses,
  lastLevelMisses,
  parseCachegrindOutput,
} from "./cachegrind-counts.ts";
import { adotDatagrams, makeSpans, protobufBodies, translatedTexts } from "./otlp-bench-spans.ts";
import type { CountedPath } from "./otlp-counted-child.ts";
import { packInputs } from "./packed-inputs.ts";

const REQUESTS = Number(process.env.REQUESTS ?? 5_120);
const WARMUP = Number(process.env.WARMUP ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const REPEATS = Number(process.env.REPEATS ?? 1);
for (const [name, value] of Object.entries({ REQUESTS, WARMUP, ROUNDS, REPEATS })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number of at least 1, not ${String(value)}`);
    process.exit(2);
  }
}
/** The simulated caches: size, associativity and line size, in cachegrind's terms. */
const CACHES = ["--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64"];

function valgrindVersion(): string | undefined {
  try {
    return execFileSync("valgrind", ["--version"]).toString().trim();
  } catch {
    return undefined;
  }
}
const valgrind = valgrindVersion();
if (valgrind === undefined) {
  console.error(
    "bench:otlp-counted runs the daemon under Valgrind, which is not installed: apt-get install valgrind",
  );
  process.exit(2);
}

const PATHS: readonly { path: CountedPath; name: string }[] = [
  { path: "json", name: "X-Ray JSON documents (baseline)" },
  { path: "udp", name: "ADOT UDP T1S, 10 spans a datagram" },
  { path: "http", name: "OTLP/HTTP protobuf, 512 spans a body" },
];

/** Each path's inputs, encoded from the SDK's spans. */
function encodeInputs(): { spans: number; inputs: Record<CountedPath, Uint8Array[]> } {
  const spans = makeSpans(REQUESTS);
  const encoder = new TextEncoder();
  const http = protobufBodies(spans);
  const udp = adotDatagrams(spans);
  const json = translatedTexts(http, decodeProtobufRequest, translateTraceRequest).map((text) =>
    encoder.encode(text),
  );
  return { spans: spans.length, inputs: { json, udp, http } };
}

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "xray-sandbox-counted-"));
const child = new URL("./otlp-counted-child.ts", import.meta.url).pathname;

interface Run {
  /** The paths ingested `WARMUP` times each first, in turn. */
  readonly warm: readonly CountedPath[];
  /** The path then ingested `rounds` more times. */
  readonly path: CountedPath;
  readonly rounds: number;
  /** Full collections forced at the end: a run's rounds and these are always `ROUNDS`. */
  readonly collections: number;
}

/** One process under cachegrind: what it counted in all. */
async function counted({ warm, path, rounds, collections }: Run, spans: number, tag: string) {
  const out = join(dir, `${warm.join("+")}-${path}-${rounds}-${tag}.cachegrind`);
  const args = [
    "--tool=cachegrind",
    "--cache-sim=yes",
    ...CACHES,
    `--cachegrind-out-file=${out}`,
    // Valgrind's own messages to a file: the process's errors are then all its stderr holds.
    `--log-file=${out}.log`,
    process.execPath,
    "--single-threaded",
    "--expose-gc",
    ...process.execArgv,
    child,
    ...["--dir", dir, "--spans", String(spans), "--warm", warm.join(",")],
    ...["--warm-rounds", String(WARMUP), "--path", path, "--rounds", String(rounds)],
    ...["--collections", String(collections)],
  ];
  try {
    await run("valgrind", args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(
      `the ${path} process (${rounds} rounds after warming up with ${warm.join(", ")}) failed: ${stderr.trim().split("\n").slice(-8).join("\n")}`,
    );
  }
  return parseCachegrindOutput(readFileSync(out, "utf8"));
}

/** Runs `jobs` at most `width` at a time, in order, saying as each ends. */
async function inTurn<T>(jobs: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
      done++;
      process.stdout.write(`  ${done} of ${jobs.length} processes counted\n`);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

const ALL = PATHS.map(({ path }) => path);

/**
 * The runs whose differences give each path's cost: alone (a process that has run only that
 * path), and after every path (a process that has run all three, as a daemon taking more than
 * one kind of traffic has, and as `pnpm bench:otlp`'s one process has: the code they share has
 * seen every kind of document).
 */
function pairs(): { setting: Setting; path: CountedPath; before: Run; after: Run }[] {
  const out: { setting: Setting; path: CountedPath; before: Run; after: Run }[] = [];
  for (const path of ALL) {
    out.push({
      setting: "alone",
      path,
      before: { warm: [path], path, rounds: 0, collections: ROUNDS },
      after: { warm: [path], path, rounds: ROUNDS, collections: 0 },
    });
  }
  for (const path of ALL) {
    out.push({
      setting: "after every path",
      path,
      before: { warm: ALL, path, rounds: 0, collections: ROUNDS },
      after: { warm: ALL, path, rounds: ROUNDS, collections: 0 },
    });
  }
  return out;
}
type Setting = "alone" | "after every path";

try {
  const { spans, inputs } = encodeInputs();
  for (const { path } of PATHS)
    writeFileSync(join(dir, `${path}.inputs`), packInputs(inputs[path]));
  const width = Math.max(1, availableParallelism());
  const runs = new Map<string, { run: Run; repeat: number }>();
  const keyOf = (run: Run, repeat: number) =>
    `${repeat}:${run.warm.join(",")}:${run.path}:${run.rounds}`;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const { before, after } of pairs()) {
      for (const run of [before, after]) runs.set(keyOf(run, repeat), { run, repeat });
    }
  }
  console.log(
    `${spans} spans (${REQUESTS} requests of a server span and a query); ${valgrind}, cachegrind with ${CACHES.join(" ")}; node --single-threaded; ${WARMUP} warm-up rounds, then ${ROUNDS} counted; ${REPEATS} time${REPEATS === 1 ? "" : "s"}; ${runs.size} processes, ${width} at a time (each 1-3 minutes)`,
  );
  const keys = [...runs.keys()];
  const totals = new Map<string, CacheCounts>();
  const results = await inTurn(
    keys.map((key) => {
      const { run, repeat } = runs.get(key) as { run: Run; repeat: number };
      return () => counted(run, spans, String(repeat));
    }),
    width,
  );
  for (const [i, key] of keys.entries()) totals.set(key, results[i] as CacheCounts);

  const mean = (values: readonly number[]) =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const spread = (values: readonly number[]) =>
    values.length < 2
      ? ""
      : ` (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
  /** Each repeat's ratio to the same repeat's X-Ray JSON path, when there is more than one. */
  const byRepeat = (values: readonly number[], baselines: readonly number[]) =>
    values.length < 2
      ? ""
      : ` (${values.map((value, i) => (value / (baselines[i] ?? Number.NaN)).toFixed(2)).join(", ")})`;
  for (const setting of ["alone", "after every path"] as const) {
    /** Per path: the counts a span, one for each repeat. */
    const perSpan = new Map<CountedPath, CacheCounts[]>();
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      for (const pair of pairs().filter((candidate) => candidate.setting === setting)) {
        const before = totals.get(keyOf(pair.before, repeat)) as CacheCounts;
        const after = totals.get(keyOf(pair.after, repeat)) as CacheCounts;
        const list = perSpan.get(pair.path) ?? [];
        list.push(countsPer(countsBetween(before, after), ROUNDS * spans));
        perSpan.set(pair.path, list);
      }
    }
    const jsonCycles = (perSpan.get("json") ?? []).map(estimatedCycles);
    const baseline = mean(jsonCycles);
    const baselineInstructions = mean((perSpan.get("json") ?? []).map((counts) => counts.Ir));
    console.log(
      setting === "alone"
        ? "\nEach path in a process that has run only it:\n"
        : "\nEach path in a process that has run all three first:\n",
    );
    console.log(
      `| path | instructions a span | first-level misses a span | last-level misses a span | estimated cycles a span | cycles ÷ X-Ray JSON${REPEATS > 1 ? " (each repeat's)" : ""} | instructions ÷ X-Ray JSON |`,
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    for (const { path, name } of PATHS) {
      const list = perSpan.get(path) ?? [];
      const cycles = list.map(estimatedCycles);
      const instructions = list.map((counts) => counts.Ir);
      console.log(
        `| ${name} | ${mean(instructions).toFixed(0)}${spread(instructions)} | ${mean(list.map(firstLevelMisses)).toFixed(0)} | ${mean(list.map(lastLevelMisses)).toFixed(0)} | ${mean(cycles).toFixed(0)}${spread(cycles)} | ${(mean(cycles) / baseline).toFixed(2)}${byRepeat(cycles, jsonCycles)} | ${(mean(instructions) / baselineInstructions).toFixed(2)} |`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
