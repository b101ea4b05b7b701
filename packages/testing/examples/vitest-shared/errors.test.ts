import { connectSandbox, newTraceId, type SandboxClient } from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type FakeService, startFakeService } from "../support/fake-service.ts";

let sandbox: SandboxClient;
let service: FakeService;

beforeAll(async () => {
  sandbox = await connectSandbox(inject("sandboxUrl"));
  service = await startFakeService(sandbox.env, "errors-service");
});
afterAll(async () => {
  await service?.close();
  await sandbox?.close();
});

it("GET /nowhere is a 404, flagged error (found by its trace id)", async () => {
  const traceId = newTraceId();
  const response = await fetch(`${service.url}/nowhere`, {
    headers: { "X-Amzn-Trace-Id": `Root=${traceId};Sampled=1` },
  });
  expect(response.status).toBe(404);
  const trace = await sandbox.waitForTrace(traceId);
  expect(trace).toBeError();
  expect(trace).not.toBeFault();
});

it("shares the sandbox with the other worker", async () => {
  await fetch(`${service.url}/nowhere`);
  const theirs = await sandbox.waitForTrace('service("users-service")', { timeout: 15_000 });
  expect(theirs).toHaveSubsegment("UserData");
});
