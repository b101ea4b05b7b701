import "@xray-sandbox/testing/vitest";
import { type Sandbox, startSandbox } from "@xray-sandbox/testing";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { startApp } from "../app.cjs";

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await startApp(sandbox.env);
});
afterAll(async () => {
  await app.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

it("records who was looked up", async () => {
  await fetch(`${app.url}/user`);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  expect(trace).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });
  expect(trace).not.toBeFault();
});
