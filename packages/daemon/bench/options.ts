/** The benchmark's command line. Parsing returns a result value; the entry decides how to fail. */

/** One size at one rate. */
export interface BenchCell {
  readonly sizeBytes: number;
  readonly rate: number;
}

export interface BenchOptions {
  /** Datagrams per second the sender aims for, one run per rate. */
  readonly rates: readonly number[];
  /** When given, exactly these size-rate pairs are run instead of every size at every rate. */
  readonly cells: readonly BenchCell[] | undefined;
  /** Length of each sending window. */
  readonly seconds: number;
  readonly reps: number;
  /** Target datagram sizes in bytes, header included. */
  readonly sizes: readonly number[];
  readonly json: boolean;
  /** Where the daemon writes a V8 CPU profile per run (`node --cpu-prof`); off when undefined. */
  readonly cpuProfileDir: string | undefined;
  /** Skip the baseline receiver (useful while profiling the daemon). */
  readonly daemonOnly: boolean;
  /** Run the daemon with persistence (a fresh temporary data dir per run) instead of in memory. */
  readonly persist: boolean;
  /** Before each run, wait (up to a minute) until other processes leave the CPUs alone. */
  readonly waitQuiet: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  rates: [10_000, 25_000, 50_000, 100_000],
  cells: undefined,
  seconds: 3,
  reps: 3,
  sizes: [800, 4_000],
  json: false,
  cpuProfileDir: undefined,
  daemonOnly: false,
  persist: false,
  waitQuiet: false,
};

/**
 * `--scenario sustained`: the throughput targets, each long enough that a queue which only
 * absorbs a burst shows up as loss or as a long drain.
 */
export const SUSTAINED: Pick<BenchOptions, "cells" | "seconds" | "reps"> = {
  cells: [
    { sizeBytes: 800, rate: 100_000 },
    { sizeBytes: 4_000, rate: 25_000 },
  ],
  seconds: 20,
  reps: 3,
};

/** The runs the options ask for, in order. */
export function benchCells(options: BenchOptions): BenchCell[] {
  if (options.cells !== undefined) return [...options.cells];
  return options.sizes.flatMap((sizeBytes) => options.rates.map((rate) => ({ sizeBytes, rate })));
}

export const USAGE = `Usage: pnpm bench [options]

Measures UDP ingest: a sender process sends segment datagrams at fixed rates to a count-only
baseline receiver and to the daemon, and reports what each received.

  --rates 10000,50000    datagrams per second, one run per rate  (default 10000,25000,50000,100000)
  --cells 800@100k,4000@25k
                         exactly these size@rate pairs instead of every size at every rate
  --scenario sustained   800 B at 100k/s and 4000 B at 25k/s, 3 × 20 s each (--cells,
                         --seconds and --reps given after it override it)
  --seconds 3            sending window per run                  (default 3)
  --reps 3               repetitions per size and rate           (default 3)
  --sizes 800,4000       datagram sizes in bytes                 (default 800,4000)
  --json                 print the results as JSON on stdout (progress stays on stderr)
  --cpu-prof DIR         write a daemon CPU profile per run into DIR
  --daemon-only          skip the baseline receiver
  --persist              let the daemon persist traces (to a temporary --data-dir per run);
                         by default it runs --in-memory and the bench measures ingest alone
  --wait-quiet           before each run, wait (up to 60 s) until other processes use less
                         than 15 % of a core: for shared machines
  -h, --help             show this help`;

export type ParsedOptions =
  | { readonly ok: true; readonly options: BenchOptions }
  | { readonly ok: false; readonly help: true }
  | { readonly ok: false; readonly help: false; readonly error: string };

const MAX_DATAGRAM = 65_507;

function positiveNumbers(flag: string, text: string, max: number): number[] | string {
  const parts = text.split(",").map((part) => part.trim().replaceAll("_", ""));
  const values: number[] = [];
  for (const part of parts) {
    const multiplier = /k$/i.test(part) ? 1_000 : 1;
    const value = Number(multiplier === 1 ? part : part.slice(0, -1)) * multiplier;
    if (part === "" || !Number.isFinite(value) || value <= 0 || value > max) {
      return `${flag}: ${JSON.stringify(part)} is not a number between 1 and ${max}`;
    }
    values.push(value);
  }
  return values;
}

function parseCells(text: string): BenchCell[] | string {
  const cells: BenchCell[] = [];
  for (const part of text.split(",")) {
    const [size, rate, extra] = part.split("@");
    if (size === undefined || rate === undefined || extra !== undefined) {
      return `--cells: ${JSON.stringify(part)} is not SIZE@RATE (e.g. 800@100k)`;
    }
    const sizes = positiveNumbers("--cells", size, MAX_DATAGRAM);
    if (typeof sizes === "string") return sizes;
    const rates = positiveNumbers("--cells", rate, 10_000_000);
    if (typeof rates === "string") return rates;
    cells.push({ sizeBytes: Math.round(sizes[0] ?? 0), rate: Math.round(rates[0] ?? 0) });
  }
  return cells;
}

function wholeNumber(flag: string, text: string, max: number): number | string {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    return `${flag}: ${JSON.stringify(text)} is not a whole number between 1 and ${max}`;
  }
  return value;
}

export function parseBenchOptions(argv: readonly string[]): ParsedOptions {
  let options: BenchOptions = DEFAULT_OPTIONS;
  const fail = (error: string): ParsedOptions => ({ ok: false, help: false, error });

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      index++;
      return argv[index];
    };

    switch (flag) {
      case "-h":
      case "--help":
        return { ok: false, help: true };
      case "--json":
        options = { ...options, json: true };
        break;
      case "--daemon-only":
        options = { ...options, daemonOnly: true };
        break;
      case "--persist":
        options = { ...options, persist: true };
        break;
      case "--wait-quiet":
        options = { ...options, waitQuiet: true };
        break;
      case "--rates":
      case "--sizes": {
        const text = value();
        if (text === undefined) return fail(`${flag} needs a value`);
        const max = flag === "--rates" ? 10_000_000 : MAX_DATAGRAM;
        const parsed = positiveNumbers(flag, text, max);
        if (typeof parsed === "string") return fail(parsed);
        const rounded = parsed.map((number) => Math.round(number));
        options =
          flag === "--rates" ? { ...options, rates: rounded } : { ...options, sizes: rounded };
        break;
      }
      case "--cells": {
        const text = value();
        if (text === undefined) return fail("--cells needs a value");
        const cells = parseCells(text);
        if (typeof cells === "string") return fail(cells);
        options = { ...options, cells };
        break;
      }
      case "--scenario": {
        const name = value();
        if (name !== "sustained") {
          return fail(`--scenario: ${JSON.stringify(name ?? "")} is not a scenario (sustained)`);
        }
        options = { ...options, ...SUSTAINED };
        break;
      }
      case "--seconds": {
        const text = value();
        if (text === undefined) return fail("--seconds needs a value");
        const parsed = positiveNumbers(flag, text, 600);
        if (typeof parsed === "string") return fail(parsed);
        const [seconds] = parsed;
        if (seconds === undefined || parsed.length !== 1) return fail("--seconds takes one number");
        options = { ...options, seconds };
        break;
      }
      case "--reps": {
        const text = value();
        if (text === undefined) return fail("--reps needs a value");
        const reps = wholeNumber(flag, text, 100);
        if (typeof reps === "string") return fail(reps);
        options = { ...options, reps };
        break;
      }
      case "--cpu-prof": {
        const dir = value();
        if (dir === undefined || dir === "") return fail("--cpu-prof needs a directory");
        options = { ...options, cpuProfileDir: dir };
        break;
      }
      default:
        return fail(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return { ok: true, options };
}
