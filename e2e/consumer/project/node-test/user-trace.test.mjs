import { after, before, beforeEach, test } from "node:test";
import { assertSubsegment, startSandbox } from "@xray-sandbox/testing";
import { startApp } from "../app.cjs";

let sandbox;
let app;

before(async () => {
  sandbox = await startSandbox();
  app = await startApp(sandbox.env);
});
after(async () => {
  await app.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

test("GET /user records who was looked up", async () => {
  await fetch(`${app.url}/user`);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  assertSubsegment(trace, "UserData", { annotations: { userId: "u-42" } });
});
