/** Fails on purpose: shows what a failed assertion prints under node:test. */

import { after, before, test } from "node:test";
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

test("GET /user records another user (it does not)", async () => {
  await fetch(`${service.url}/user`);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  assertSubsegment(trace, "UserData", { annotations: { userId: "u-43" } });
});
