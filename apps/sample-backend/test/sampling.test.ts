/**
 * Sampling left to the SDK, as in production: the backend decides with its local rules until
 * it has fetched the daemon's (`sampling-rules.json` besides `Default`), then with those.
 * Either way every request is traced but `/health`.
 */

import { readFileSync } from "node:fs";
import { type Sandbox, startSandbox, type TraceRecord } from "@xray-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, startBackend } from "./support/backend.ts";
import { newTraceId } from "./support/trace-id.ts";

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

/** The rule the SDK says decided the request; none when it decided with its local rules. */
function ruleOf(trace: TraceRecord): unknown {
  const aws = trace.segments[0]?.document.aws as { xray?: { rule_name?: unknown } } | undefined;
  return aws?.xray?.rule_name;
}

/** `Sampled=?` asks the SDK to answer with its decision. */
async function decisionFor(path: string): Promise<string | null> {
  const traceId = newTraceId();
  const answer = await backend.call(path, { traceHeader: `Root=${traceId};Sampled=?` });
  return answer.headers.get("x-amzn-trace-id")?.replace(`Root=${traceId};`, "") ?? null;
}

/** A request the SDK decides on; resolves with its trace (it must be traced). */
async function tracedRequest(path: string): Promise<TraceRecord> {
  const answer = await backend.call(path, { traceHeader: null });
  return sandbox.waitForTrace(answer.traceId);
}

describe("sampling of the sample backend", () => {
  it("leaves /health out and traces everything else, before and after the daemon's rules are in", async () => {
    // The first request of the process: the SDK starts fetching rules and decides locally.
    expect(await decisionFor("/health")).toBe("Sampled=0");
    expect(ruleOf(await tracedRequest("/api/activities/home"))).toBeUndefined();

    // Requests go on being traced while the rules come in; then the daemon's rules decide.
    let trace = await tracedRequest("/api/activities/home");
    for (let request = 0; request < 50 && ruleOf(trace) === undefined; request += 1) {
      trace = await tracedRequest("/api/activities/home");
    }
    expect(ruleOf(trace)).toBe("Default");
    expect(await decisionFor("/health")).toBe("Sampled=0");

    // Health checks as a load balancer sends them leave no trace.
    for (let check = 0; check < 5; check += 1) {
      expect((await backend.call("/health", { traceHeader: null })).status).toBe(200);
    }
    await sandbox.expectNoTrace('http.url CONTAINS "/health"', { within: 500 });
    expect(ruleOf(await tracedRequest("/api/activities/home"))).toBe("Default");

    const sampling = (await (await fetch(`${sandbox.url}/api/sampling`)).json()) as {
      rules: { SamplingRule: { RuleName: string } }[];
      lastRulesFetch: string | null;
    };
    expect(sampling.rules.map((rule) => rule.SamplingRule.RuleName)).toEqual(
      expect.arrayContaining(["NoHealthChecks", "Default"]),
    );
    expect(sampling.lastRulesFetch).not.toBeNull();
  });

  it("traces /health when the caller decided to (Sampled=1), and expectNoTrace names it", async () => {
    const answer = await backend.call("/health");
    const error = await sandbox
      .expectNoTrace('http.url CONTAINS "/health"', { within: 10_000 })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^expectNoTrace\('http\.url CONTAINS "\/health"', \{ within: 10000 \}\) failed: a matching trace (was already in the sandbox|arrived after \d+ ms):\n/,
    );
    expect((error as Error).message).toContain(
      `\n  ${answer.traceId}: GET /health → 200 (segments: sample-backend)`,
    );
  });
});
