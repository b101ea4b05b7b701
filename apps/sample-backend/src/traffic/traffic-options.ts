import { parseArgs } from "node:util";
import { parseDuration } from "./parse-duration.ts";

export const DEFAULT_TARGET = "http://127.0.0.1:4567";
export const DEFAULT_RATE = 5;
export const DEFAULT_SEED = 1;

export interface TrafficCliOptions {
  readonly target: string;
  readonly rate: number;
  readonly seed: number;
  readonly durationMs?: number;
  readonly requests?: number;
}

export type TrafficCommand =
  | { readonly kind: "run"; readonly options: TrafficCliOptions }
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "invalid"; readonly message: string };

export const TRAFFIC_USAGE = `Usage: pnpm traffic [options]

Sends a realistic, repeatable mix of requests to the sample backend.

Options:
  --target URL      the backend (default ${DEFAULT_TARGET})
  --rate N          requests per second (default ${DEFAULT_RATE})
  --duration TIME   stop after TIME: 90 (seconds), 30s, 2m, 1h (default: until Ctrl-C)
  --requests N      stop after N requests
  --seed N          the same seed sends the same sequence (default ${DEFAULT_SEED})
  -h, --help        show this help
`;

export function parseTrafficArgs(argv: readonly string[]): TrafficCommand {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return invalid(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help", text: TRAFFIC_USAGE };

  const target = values.target ?? DEFAULT_TARGET;
  if (!URL.canParse(target) || !/^https?:$/.test(new URL(target).protocol)) {
    return invalid(`--target ${JSON.stringify(target)} is not an http:// URL`);
  }
  const rate = values.rate === undefined ? DEFAULT_RATE : Number(values.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000) {
    return invalid(
      `--rate ${JSON.stringify(values.rate)} must be a number of requests per second, 0 < N <= 1000`,
    );
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed))
    return invalid(`--seed ${JSON.stringify(values.seed)} must be an integer`);

  let durationMs: number | undefined;
  if (values.duration !== undefined) {
    durationMs = parseDuration(values.duration);
    if (durationMs === undefined || durationMs <= 0) {
      return invalid(
        `--duration ${JSON.stringify(values.duration)} is not a duration (e.g. 30s, 2m)`,
      );
    }
  }
  let requests: number | undefined;
  if (values.requests !== undefined) {
    requests = Number(values.requests);
    if (!Number.isInteger(requests) || requests <= 0) {
      return invalid(`--requests ${JSON.stringify(values.requests)} must be a positive integer`);
    }
  }
  return {
    kind: "run",
    options: {
      target,
      rate,
      seed,
      ...(durationMs === undefined ? {} : { durationMs }),
      ...(requests === undefined ? {} : { requests }),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      target: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      requests: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function invalid(message: string): TrafficCommand {
  return { kind: "invalid", message };
}
