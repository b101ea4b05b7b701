import { parseArgs } from "node:util";
import { DEFAULT_PORT } from "../env-config.ts";
import { DEFAULT_RATE, DEFAULT_SEED } from "../traffic/traffic-options.ts";

export const DEFAULT_DAEMON_PORT = 2000;
/** With `--both`, the OpenTelemetry flavour listens here unless `--otel-port` says otherwise. */
export const DEFAULT_OTEL_PORT = DEFAULT_PORT + 1;

/** The sample backend instrumented with the X-Ray SDK, or with OpenTelemetry. */
export type Flavour = "xray" | "otel";

export interface DemoBackend {
  readonly flavour: Flavour;
  /** Its HTTP port. */
  readonly port: number;
}

export interface DemoOptions {
  /** UDP and TCP port of the daemon (segments, sampling, OTLP/HTTP, API, viewer). */
  readonly daemonPort: number;
  /** The backends to run, one per flavour: the X-Ray SDK one, the OpenTelemetry one, or both. */
  readonly backends: readonly DemoBackend[];
  readonly rate: number;
  readonly seed: number;
  readonly traffic: boolean;
}

export type DemoCommand =
  | { readonly kind: "run"; readonly options: DemoOptions }
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "invalid"; readonly message: string };

export const DEMO_USAGE = `Usage: pnpm demo [options]

Starts the xray-sandbox daemon, the sample backend (with its notifications service) and
the traffic generator, and stops them all on Ctrl-C.

Options:
  --otel            run the OpenTelemetry flavour of the backend (sample-backend-otel,
                    OTLP/HTTP to the daemon) instead of the X-Ray SDK one
  --both            run both flavours side by side; the traffic sends the same requests
                    to each
  --daemon-port N   the daemon's UDP and TCP port (default ${DEFAULT_DAEMON_PORT})
  --port N          the sample backend's port (default ${DEFAULT_PORT}); with --both, the
                    X-Ray SDK flavour's
  --otel-port N     with --both, the OpenTelemetry flavour's port (default ${DEFAULT_OTEL_PORT})
  --rate N          traffic in requests per second, to each backend (default ${DEFAULT_RATE})
  --seed N          the traffic's seed (default ${DEFAULT_SEED})
  --no-traffic      start the services only, and send requests yourself
  -h, --help        show this help
`;

export function parseDemoArgs(argv: readonly string[]): DemoCommand {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return invalid(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help", text: DEMO_USAGE };
  if (values.otel && values.both) {
    return invalid(
      "--otel and --both do not go together: --otel runs the OpenTelemetry flavour alone, " +
        "--both runs it next to the X-Ray SDK flavour",
    );
  }
  if (values["otel-port"] !== undefined && !values.both) {
    return invalid(
      values.otel
        ? "--otel-port is for --both; with --otel, --port sets the OpenTelemetry flavour's port"
        : "--otel-port is the OpenTelemetry flavour's port: add --both (or use --otel and --port)",
    );
  }

  const daemonPort = port(values["daemon-port"], DEFAULT_DAEMON_PORT);
  if (daemonPort === undefined)
    return invalid(`--daemon-port ${quote(values["daemon-port"])} must be a port, 1-65535`);
  const backendPort = port(values.port, DEFAULT_PORT);
  if (backendPort === undefined)
    return invalid(`--port ${quote(values.port)} must be a port, 1-65535`);
  if (backendPort === daemonPort) {
    return invalid(`--port and --daemon-port are both ${backendPort}; give them different ports`);
  }
  const backends: DemoBackend[] = [{ flavour: values.otel ? "otel" : "xray", port: backendPort }];
  if (values.both) {
    const otelPort = port(values["otel-port"], DEFAULT_OTEL_PORT);
    if (otelPort === undefined)
      return invalid(`--otel-port ${quote(values["otel-port"])} must be a port, 1-65535`);
    for (const [flag, taken] of [
      ["--daemon-port", daemonPort],
      ["--port", backendPort],
    ] as const) {
      if (otelPort === taken) {
        return invalid(`--otel-port and ${flag} are both ${otelPort}; give them different ports`);
      }
    }
    backends.push({ flavour: "otel", port: otelPort });
  }

  const rate = values.rate === undefined ? DEFAULT_RATE : Number(values.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1000) {
    return invalid(
      `--rate ${quote(values.rate)} must be a number of requests per second, 0 < N <= 1000`,
    );
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) return invalid(`--seed ${quote(values.seed)} must be an integer`);
  return {
    kind: "run",
    options: { daemonPort, backends, rate, seed, traffic: values["no-traffic"] !== true },
  };
}

/** A fixed port: the demo prints URLs people type, so 0 (a random port) is not offered. */
function port(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  return /^\d+$/.test(text) && value >= 1 && value <= 65_535 ? value : undefined;
}

function quote(text: string | undefined): string {
  return JSON.stringify(text ?? "");
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      otel: { type: "boolean" },
      both: { type: "boolean" },
      "daemon-port": { type: "string" },
      port: { type: "string" },
      "otel-port": { type: "string" },
      rate: { type: "string" },
      seed: { type: "string" },
      "no-traffic": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function invalid(message: string): DemoCommand {
  return { kind: "invalid", message };
}
