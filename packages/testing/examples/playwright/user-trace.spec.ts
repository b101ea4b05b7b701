import { expect, test } from "@xray-sandbox/testing/playwright";
import { type FakeService, startFakeService } from "../support/fake-service.ts";

let service: FakeService;

test.beforeAll(async ({ sandbox }) => {
  service = await startFakeService(sandbox.env);
});
test.afterAll(() => service.close());

test("GET /user records who was looked up", async ({ request, sandbox }) => {
  const response = await request.get(`${service.url}/user`);
  expect(response.status()).toBe(200);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  expect(trace).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });
  expect(trace).not.toBeFault();
});

test("each test starts with an empty sandbox", async ({ request, sandbox }) => {
  expect(await sandbox.traces()).toEqual([]);
  await request.get(`${service.url}/nowhere`);
  const trace = await sandbox.waitForTrace("error");
  expect(trace).toBeError();
  expect(await sandbox.traces()).toHaveLength(1);
});
