/**
 * An Express app under the real ADOT Node distribution, in its normal mode (OTLP/HTTP
 * protobuf) and in its Lambda mode (OTLP over UDP, `T1S` datagrams), sends its traces to the
 * daemon; read back with the real X-Ray client.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  BatchGetTracesCommand,
  GetTraceSummariesCommand,
  type TraceSummary,
  type XRayClient,
} from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import { xrayClientFor } from "./support/xray-client.ts";

const require = createRequire(import.meta.url);
const REGISTER = require.resolve("@aws/aws-distro-opentelemetry-node-autoinstrumentation/register");
const APP = fileURLToPath(new URL("./support/otel-express-app.ts", import.meta.url));
const WAIT_MS = 60_000;

let daemon: Daemon;
const children: ChildProcess[] = [];

beforeAll(async () => {
  daemon = await startTestDaemon({ otlpHttp: { host: "127.0.0.1", port: 0 } });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await daemon.close();
});

/** Starts the app under ADOT with `env`; resolves with its port. */
function startApp(env: Record<string, string>): Promise<number> {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(AWS_|OTEL_|_X_AMZN_|LAMBDA_|NODE_OPTIONS$)/.test(key)) base[key] = value;
  }
  const child = spawn(
    process.execPath,
    ["--require", REGISTER, "--import", import.meta.resolve("tsx"), APP],
    {
      env: {
        ...base,
        OTEL_TRACES_SAMPLER: "always_on",
        OTEL_BSP_SCHEDULE_DELAY: "50",
        OTEL_METRICS_EXPORTER: "none",
        OTEL_LOGS_EXPORTER: "none",
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,express",
        OTEL_LOG_LEVEL: "error",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("exit", (code) => reject(new Error(`the app exited with ${code}:\n${output}`)));
  });
}

function xray(): XRayClient {
  return xrayClientFor(daemon.url);
}

/** Polls GetTraceSummaries until a trace of `service` for `url` has arrived. */
async function waitForTrace(service: string, path: string): Promise<TraceSummary> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = new Date();
    const { TraceSummaries } = await xray().send(
      new GetTraceSummariesCommand({
        StartTime: new Date(now.getTime() - 600_000),
        EndTime: new Date(now.getTime() + 60_000),
        FilterExpression: `service("${service}") AND http.url CONTAINS "${path}"`,
      }),
    );
    const found = TraceSummaries?.[0];
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no trace of ${service} for ${path} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function documentsOf(id: string | undefined): Promise<Record<string, unknown>[]> {
  const { Traces } = await xray().send(new BatchGetTracesCommand({ TraceIds: [id ?? ""] }));
  return (Traces?.[0]?.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? "{}"));
}

describe("ADOT in its normal mode (OTLP/HTTP protobuf)", () => {
  let port: number;
  beforeAll(async () => {
    port = await startApp({
      OTEL_SERVICE_NAME: "adot-express",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://${daemon.otlp.http[0]}/v1/traces`,
    });
  });

  it("shows a request as a segment named after the service, with http and annotations", async () => {
    await fetch(`http://127.0.0.1:${port}/users/42`);
    const summary = await waitForTrace("adot-express", "/users/42");
    const documents = await documentsOf(summary.Id);
    const segment = documents.find(
      (document) => document.name === "adot-express" && document.type !== "subsegment",
    );
    expect(segment).toMatchObject({
      http: { request: { method: "GET" }, response: { status: 200 } },
      annotations: { user_tier: "gold" },
    });
    expect(
      (await fetchStats(daemon)).otlp.byTransport["otlp-http-protobuf"].storedSpans,
    ).toBeGreaterThan(0);
  });

  it("marks a failed request as a fault with the exception as its cause", async () => {
    await fetch(`http://127.0.0.1:${port}/fail`);
    const summary = await waitForTrace("adot-express", "/fail");
    expect(summary.HasFault).toBe(true);
    const documents = await documentsOf(summary.Id);
    const faulted = documents.filter((document) => document.fault === true);
    expect(faulted.length).toBeGreaterThan(0);
  });
});

describe("ADOT in its Lambda mode (OTLP over UDP)", () => {
  it("sends T1S datagrams to the daemon port, stored as X-Ray documents", async () => {
    const port = await startApp({
      OTEL_SERVICE_NAME: "adot-lambda",
      AWS_LAMBDA_FUNCTION_NAME: "adot-lambda",
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.udpAddress.port}`,
    });
    await fetch(`http://127.0.0.1:${port}/users/9`);
    const summary = await waitForTrace("adot-lambda", "/users/9");
    const documents = await documentsOf(summary.Id);
    expect(documents.length).toBeGreaterThan(0);
    expect((await fetchStats(daemon)).otlp.byTransport["otlp-udp"].storedSpans).toBeGreaterThan(0);
  });
});
