import { newTraceId } from "@xray-sandbox/testing";
import { type FakeService, startFakeService } from "../support/fake-service.ts";
import { expect, test } from "./shared-sandbox.ts";

let service: FakeService;

test.beforeAll(async ({ sandbox }) => {
  service = await startFakeService(sandbox.env, "users-service");
});
test.afterAll(() => service.close());

test("GET /user records who was looked up (found by its trace id)", async ({
  request,
  sandbox,
}) => {
  const traceId = newTraceId();
  await request.get(`${service.url}/user`, {
    headers: { "X-Amzn-Trace-Id": `Root=${traceId};Sampled=1` },
  });
  const trace = await sandbox.waitForTrace(traceId);
  expect(trace).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });
});

test("shares the sandbox with the other worker", async ({ request, sandbox }) => {
  await request.get(`${service.url}/user`);
  const theirs = await sandbox.waitForTrace('service("errors-service")', { timeout: 15_000 });
  expect(theirs).toBeError();
});
