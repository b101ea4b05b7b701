/**
 * A service in the test process, instrumented with the real X-Ray SDK, its sampling left to
 * the SDK: with `sampleEverything` every request is traced from the first, /health never.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AWSXRay from "aws-xray-sdk-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { everyRequestRules, sampleEverything } from "./sample-everything.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

let sandbox: Sandbox;
let server: Server;
let serviceUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    samplingRules: [
      {
        RuleName: "NoHealthChecks",
        Priority: 1,
        FixedRate: 0,
        ReservoirSize: 0,
        URLPath: "/health",
      },
    ],
  });
  AWSXRay.setDaemonAddress(sandbox.env.AWS_XRAY_DAEMON_ADDRESS);
  AWSXRay.middleware.setDefaultName("in-process-service");
  sampleEverything(AWSXRay, { except: ["/health"] });
  server = createServer((request, response) => {
    AWSXRay.middleware.traceRequestResponseCycle(request, response);
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await sandbox?.close();
});

describe("sampleEverything(AWSXRay)", () => {
  it("has the SDK trace every request from the first, and never /health", async () => {
    // A health check first, as a load balancer or a readiness probe sends it: it must not
    // use up what would let the next request be traced.
    expect((await fetch(`${serviceUrl}/health`)).status).toBe(200);
    for (let request = 0; request < 25; request += 1) {
      expect((await fetch(`${serviceUrl}/orders/${request}`)).status).toBe(200);
    }
    const traces = await sandbox.waitForTraces('http.url CONTAINS "/orders/"', { count: 25 });
    // Every request, each once; requests a millisecond apart may share a receive time, so the
    // order among them is not asserted.
    const urls = traces.map((trace) => trace.summary.http?.url ?? "");
    expect(urls.sort()).toEqual(
      Array.from({ length: 25 }, (_, request) => `${serviceUrl}/orders/${request}`).sort(),
    );
    await sandbox.expectNoTrace('http.url ENDSWITH "/health"', { within: 0 });
  });

  it("writes the SDK's local rules format, which it accepts", () => {
    expect(everyRequestRules({ except: ["/health", "/ready*"] })).toEqual({
      version: 2,
      rules: [
        {
          description: "never trace /health",
          host: "*",
          http_method: "*",
          url_path: "/health",
          fixed_target: 0,
          rate: 0,
        },
        {
          description: "never trace /ready*",
          host: "*",
          http_method: "*",
          url_path: "/ready*",
          fixed_target: 0,
          rate: 0,
        },
      ],
      default: { fixed_target: 0, rate: 1 },
    });
  });

  it("says what it needs when given something else", () => {
    expect(() => sampleEverything({} as never)).toThrow(
      "sampleEverything(AWSXRay) needs the default export of aws-xray-sdk-core (with middleware.setSamplingRules)",
    );
    expect(() => everyRequestRules({ except: [""] })).toThrow(
      'except lists URL paths such as "/health"; got ""',
    );
  });
});
