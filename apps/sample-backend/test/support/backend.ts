/**
 * The backend as its users run it: `src/main.ts` (or `src/otel/main.ts`, the OpenTelemetry
 * flavour) in a child process (which starts the notifications service in another), with the
 * sandbox's environment: AWS_XRAY_DAEMON_ADDRESS, which the SDK reads when it loads, and
 * OTEL_EXPORTER_OTLP_ENDPOINT, the daemon's HTTP origin, which takes `POST /v1/traces`.
 */

import { fileURLToPath } from "node:url";
import type { Sandbox } from "@xray-sandbox/testing";
import { type ServiceProcess, startServiceProcess } from "../../src/process/service-process.ts";

const ENTRIES = {
  xray: fileURLToPath(new URL("../../src/main.ts", import.meta.url)),
  otel: fileURLToPath(new URL("../../src/otel/main.ts", import.meta.url)),
} as const;

/** Loading the SDK, Express and sql.js takes seconds on a machine busy with other tests. */
export const READY_TIMEOUT_MS = 60_000;

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** From the `X-Amzn-Trace-Id: Root=...` the backend answers with. */
  readonly traceId: string;
}

export interface CallOptions {
  readonly method?: "GET" | "POST";
  readonly json?: unknown;
  /**
   * The `X-Amzn-Trace-Id` to send. By default `Sampled=1`: the caller has decided to trace,
   * as a load balancer may, so the test does not depend on the sampler.
   */
  readonly traceHeader?: string | null;
}

export interface Backend {
  readonly url: string;
  call(path: string, options?: CallOptions): Promise<Answer>;
  stop(): Promise<void>;
}

export interface BackendOptions {
  /** A notifications service to call instead of starting one (`NOTIFICATIONS_URL`). */
  readonly notificationsUrl?: string;
  /** Which instrumentation: the X-Ray SDK (the default) or OpenTelemetry. */
  readonly flavour?: keyof typeof ENTRIES;
}

export async function startBackend(
  sandbox: Sandbox,
  options: BackendOptions = {},
): Promise<Backend> {
  const output: string[] = [];
  let child: ServiceProcess;
  try {
    child = await startServiceProcess({
      name: options.flavour === "otel" ? "sample-backend-otel" : "sample-backend",
      entry: ENTRIES[options.flavour ?? "xray"],
      env: {
        ...process.env,
        ...sandbox.env,
        HOST: "127.0.0.1",
        PORT: "0",
        DOWNSTREAM_PORT: "0",
        ...(options.notificationsUrl === undefined
          ? {}
          : { NOTIFICATIONS_URL: options.notificationsUrl }),
      },
      onOutput: (line) => output.push(line),
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(`the backend did not start; its output:\n${output.join("\n")}`, {
      cause: error,
    });
  }

  const call = async (path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    const traceHeader = options.traceHeader === undefined ? "Sampled=1" : options.traceHeader;
    if (traceHeader !== null) headers["x-amzn-trace-id"] = traceHeader;
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${child.url}${path}`, {
      method: options.method ?? "GET",
      headers,
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    const text = await response.text();
    const root = /Root=([^;]+)/.exec(response.headers.get("x-amzn-trace-id") ?? "")?.[1];
    if (root === undefined) throw new Error(`${path} answered without a trace id`);
    return {
      status: response.status,
      body: parseJson(text),
      headers: response.headers,
      traceId: root,
    };
  };

  return {
    url: child.url,
    call,
    stop: async () => {
      await child.stop();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
