import { connectSandbox, newTraceId, type SandboxClient } from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type FakeService, startFakeService } from "../support/fake-service.ts";

let sandbox: SandboxClient;
let service: FakeService;

beforeAll(async () => {
  // The sandbox every worker shares: never reset() it, look for your own traces instead.
  sandbox = await connectSandbox(inject("sandboxUrl"));
  service = await startFakeService(sandbox.env, "users-service");
});
afterAll(async () => {
  await service?.close();
  await sandbox?.close();
});

it("GET /user records who was looked up (found by its trace id)", async () => {
  const traceId = newTraceId();
  await fetch(`${service.url}/user`, {
    headers: { "X-Amzn-Trace-Id": `Root=${traceId};Sampled=1` },
  });
  const trace = await sandbox.waitForTrace(traceId);
  expect(trace).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });
});

it("waits for this test's three requests, and gets only those", async () => {
  const run = crypto.randomUUID();
  for (let request = 0; request < 3; request += 1) {
    await fetch(`${service.url}/user?run=${run}&n=${request}`);
  }
  const traces = await sandbox.waitForTraces(`http.url CONTAINS "run=${run}"`, { count: 3 });
  // Newest first by arrival, in milliseconds: requests this quick can arrive in the same one,
  // so compare which requests came, not their order.
  const requests = traces.map((trace) =>
    new URL(trace.summary.http?.url ?? "").searchParams.get("n"),
  );
  expect(requests.sort()).toEqual(["0", "1", "2"]);
  await sandbox.expectNoTrace(`http.url CONTAINS "run=${run}" AND error`, { within: 0 });
});

it("shares the sandbox with the other worker", async () => {
  await fetch(`${service.url}/user`);
  const theirs = await sandbox.waitForTrace('service("errors-service")', { timeout: 15_000 });
  expect(theirs).toBeError();
});
