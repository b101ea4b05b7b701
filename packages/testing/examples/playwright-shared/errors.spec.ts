import { newTraceId } from "@xray-sandbox/testing";
import { type FakeService, startFakeService } from "../support/fake-service.ts";
import { expect, test } from "./shared-sandbox.ts";

let service: FakeService;

test.beforeAll(async ({ sandbox }) => {
  service = await startFakeService(sandbox.env, "errors-service");
});
test.afterAll(() => service.close());

test("GET /nowhere is a 404, flagged error (found by its trace id)", async ({
  request,
  sandbox,
}) => {
  const traceId = newTraceId();
  const response = await request.get(`${service.url}/nowhere`, {
    headers: { "X-Amzn-Trace-Id": `Root=${traceId};Sampled=1` },
  });
  expect(response.status()).toBe(404);
  expect(await sandbox.waitForTrace(traceId)).toBeError();
});

test("shares the sandbox with the other worker", async ({ request, sandbox }) => {
  await request.get(`${service.url}/nowhere`);
  const theirs = await sandbox.waitForTrace('service("users-service")', { timeout: 15_000 });
  expect(theirs).toHaveSubsegment("UserData");
});
