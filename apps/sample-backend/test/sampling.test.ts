/**
 * Centralized sampling: the backend asks the sandbox daemon for rules (the SDK's default),
 * and the daemon serves `sampling-rules.json`, which keeps `GET /health` out of the traces.
 */

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Sandbox, startSandbox, type TraceRecord } from "@xray-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Backend, startBackend } from "./support/backend.ts";

const RULES_FILE = new URL("../sampling-rules.json", import.meta.url);

let sandbox: Sandbox;
let backend: Backend;

beforeAll(async () => {
  sandbox = await startSandbox({ samplingRules: JSON.parse(readFileSync(RULES_FILE, "utf8")) });
  backend = await startBackend(sandbox);
});

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

/** A fresh X-Ray trace id, so a request's trace can be looked for even if it never comes. */
function newTraceId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  return `1-${seconds}-${randomBytes(12).toString("hex")}`;
}

function rootOf(trace: TraceRecord) {
  const [root] = trace.segments;
  if (!root) throw new Error(`trace ${trace.id} has no segment`);
  return root;
}

describe("sampling-rules.json served by the daemon", () => {
  it("leaves /health out of the traces while other requests are traced by the Default rule", async () => {
    // The SDK fetches rules on its first undecided request and decides that one locally.
    await backend.call("/api/activities/home", { traceHeader: null });

    // `Sampled=?` asks the SDK to answer with its decision: once the daemon's rules are in,
    // /health is not sampled.
    const askedBeforeRules: string[] = [];
    await vi.waitFor(
      async () => {
        const traceId = newTraceId();
        const answer = await backend.call("/health", { traceHeader: `Root=${traceId};Sampled=?` });
        const decision = answer.headers.get("x-amzn-trace-id");
        if (decision !== `Root=${traceId};Sampled=0`) askedBeforeRules.push(traceId);
        expect(decision).toBe(`Root=${traceId};Sampled=0`);
      },
      { timeout: 10_000, interval: 50 },
    );

    // Health checks as a load balancer sends them, then one request to follow them.
    for (let check = 0; check < 5; check += 1) {
      expect((await backend.call("/health", { traceHeader: null })).status).toBe(200);
    }
    const marker = await backend.call("/api/activities/home", { traceHeader: null });
    const markerTrace = await sandbox.waitForTrace((trace) => trace.id === marker.traceId);
    expect(rootOf(markerTrace).document.aws).toMatchObject({ xray: { rule_name: "Default" } });

    // The backend sends its segments in order over one socket: anything traced for the
    // health checks above would have arrived before the marker.
    const healthTraces = await sandbox.traces('http.url ENDSWITH "/health"');
    for (const trace of healthTraces) expect(askedBeforeRules).toContain(trace.id);

    const sampling = (await (await fetch(`${sandbox.url}/api/sampling`)).json()) as {
      rules: { SamplingRule: { RuleName: string } }[];
      lastRulesFetch: string | null;
    };
    expect(sampling.rules.map((rule) => rule.SamplingRule.RuleName)).toEqual(
      expect.arrayContaining(["NoHealthChecks", "Default"]),
    );
    expect(sampling.lastRulesFetch).not.toBeNull();
  });
});
