const { startSandbox } = require("@xray-sandbox/testing");
const { startApp } = require("../app.cjs");

let sandbox;
let app;

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await startApp(sandbox.env);
});
afterAll(async () => {
  await app.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

test("GET /fail is a fault", async () => {
  await fetch(`${app.url}/fail`);
  const trace = await sandbox.waitForTrace("fault");
  expect(trace).toBeFault();
  expect(trace).toHaveSegment("my-service", { http: { response: { status: 500 } } });
});
