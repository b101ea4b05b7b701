import { after, before, beforeEach, test } from "node:test";
import { assertSubsegment, type Sandbox, startSandbox } from "@xray-sandbox/testing";
import { type FakeService, startFakeService } from "../support/fake-service.ts";

let sandbox: Sandbox;
let service: FakeService;

before(async () => {
  sandbox = await startSandbox();
  service = await startFakeService(sandbox.env);
});
after(async () => {
  await service.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

test("GET /user records who was looked up", async () => {
  await fetch(`${service.url}/user`);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  assertSubsegment(trace, "UserData", { annotations: { userId: "u-42" } });
});
