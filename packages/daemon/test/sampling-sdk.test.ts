/**
 * The real Node SDK (aws-xray-sdk-core + aws-xray-sdk-express, centralized sampling on)
 * fetches its rules from the daemon and samples by them; its statistics reach /api/sampling.
 */

import { once } from "node:events";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { SamplingView } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, startTestDaemon, traceId } from "./support/daemon.ts";
import { newTraceId } from "./support/xray-documents.ts";

type XRay = typeof import("aws-xray-sdk-core");

/** The SDK's own sampling modules, to report statistics exactly as its poller does. */
interface SdkSamplingRule {
  getName(): string;
}
interface SdkRuleCache {
  getRules(): SdkSamplingRule[];
}
interface SdkServiceConnector {
  clientId: string;
  fetchTargets(
    rules: SdkSamplingRule[],
    callback: (
      error: Error | null,
      targets?: Record<string, { rate: number; quota: number }>,
    ) => void,
  ): void;
}

const RULES_LOADED = "Successfully refreshed centralized sampling rule cache.";
const sdkPath = "aws-xray-sdk-core/dist/lib/middleware/sampling";

let daemon: Daemon;
let server: Server;
let appUrl: string;
let rulesLoaded: Promise<void>;

beforeAll(async () => {
  daemon = await startTestDaemon({
    samplingRules: [
      { RuleName: "skip", Priority: 1, FixedRate: 0, ReservoirSize: 0, URLPath: "/skip*" },
    ],
  });

  process.env.AWS_XRAY_CONTEXT_MISSING = "IGNORE_ERROR";
  const { default: AWSXRay }: { default: XRay } = await import("aws-xray-sdk-core");
  const { default: xrayExpress } = await import("aws-xray-sdk-express");
  const { default: express } = await import("express");

  let onRulesLoaded = () => {};
  rulesLoaded = new Promise((resolve) => {
    onRulesLoaded = resolve;
  });
  const quiet = () => {};
  AWSXRay.setLogger({
    error: quiet,
    warn: quiet,
    debug: quiet,
    info: (message: unknown) => {
      if (message === RULES_LOADED) onRulesLoaded();
    },
  });
  AWSXRay.setDaemonAddress(daemon.sdkAddress);

  const app = express();
  app.use(xrayExpress.openSegment("sampled-app"));
  app.get(/.*/, (_req, res) => {
    res.json({ ok: true });
  });
  app.use(xrayExpress.closeSegment());
  server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await daemon?.close();
});

/** Calls the app asking the SDK to decide; resolves with the trace id and the decision. */
async function request(path: string): Promise<{ id: string; sampled: boolean }> {
  const id = newTraceId(Date.now() / 1000);
  const response = await fetch(`${appUrl}${path}`, {
    headers: { "X-Amzn-Trace-Id": `Root=${id};Sampled=?` },
  });
  await response.arrayBuffer();
  const decision = response.headers.get("x-amzn-trace-id");
  expect(decision).toMatch(new RegExp(`^Root=${id};Sampled=[01]$`));
  return { id, sampled: decision?.endsWith("Sampled=1") ?? false };
}

describe("sampling rules served to the real Node SDK", () => {
  it("drops the paths a rule with rate 0 and reservoir 0 matches, and traces the others", async () => {
    // The SDK fetches rules on its first request, which its local fallback decides.
    await request("/warmup");
    await vi.waitFor(
      async () => {
        const view = await getJson<SamplingView>(daemon, "/api/sampling");
        expect(view.lastRulesFetch).not.toBeNull();
      },
      { timeout: 10_000, interval: 20 },
    );
    await rulesLoaded;

    const skipped = [await request("/skip"), await request("/skip/deeper")];
    const traced = await request("/traced");
    expect(skipped.map((call) => call.sampled)).toEqual([false, false]);
    expect(traced.sampled).toBe(true);

    const trace = await vi.waitFor(
      () => {
        const stored = daemon.store.getTrace(traceId(traced.id));
        expect(stored).toBeDefined();
        return stored;
      },
      { timeout: 10_000, interval: 10 },
    );
    expect(trace?.segments[0]?.document.aws).toMatchObject({ xray: { rule_name: "Default" } });
    // The SDK sends segments in order over one socket: had /skip been sampled, it would be here.
    for (const call of skipped) expect(daemon.store.getTrace(traceId(call.id))).toBeUndefined();
  });

  it("shows the SDK's statistics in /api/sampling once it reports them", async () => {
    const require = createRequire(import.meta.url);
    const ruleCache = require(`${sdkPath}/rule_cache`) as SdkRuleCache;
    const connector = require(`${sdkPath}/service_connector`) as SdkServiceConnector;
    const rules = ruleCache.getRules();
    expect(rules.map((rule) => rule.getName())).toEqual(["skip", "Default"]);

    // What the SDK's target poller does every 10 s, done now instead of waiting for it.
    const targets = await new Promise<Record<string, { rate: number; quota: number }>>(
      (resolve, reject) => {
        connector.fetchTargets(rules, (error, mapping) =>
          error || mapping === undefined ? reject(error) : resolve(mapping),
        );
      },
    );
    expect(targets.skip).toMatchObject({ rate: 0 });
    expect(targets.Default).toMatchObject({ rate: 1 });

    const view = await getJson<SamplingView>(daemon, "/api/sampling");
    expect(view.lastTargetsFetch).not.toBeNull();
    expect(view.clients.map((client) => client.clientId)).toEqual([connector.clientId]);
    const totals = Object.fromEntries(
      view.rules.map((rule) => [rule.SamplingRule.RuleName, rule.totals]),
    );
    expect(totals.skip).toMatchObject({ requestCount: 2, sampledCount: 0, borrowCount: 0 });
    // Before its first quota the SDK borrows one request a second from the reservoir.
    expect(totals.Default).toMatchObject({ requestCount: 1, sampledCount: 0, borrowCount: 1 });
  });
});
