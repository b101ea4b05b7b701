// The service under test: a small Express app instrumented with the AWS X-Ray SDK, as a
// user's own service would be. The SDK reads AWS_XRAY_DAEMON_ADDRESS when it loads, so
// startApp() puts the sandbox's address into the environment before it requires the SDK.
const express = require("express");

/**
 * Starts the app on a free loopback port, sending its segments where `env` says.
 * @param {{ AWS_XRAY_DAEMON_ADDRESS: string }} env
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
async function startApp(env) {
  Object.assign(process.env, env);
  const AWSXRay = require("aws-xray-sdk-core");
  const xrayExpress = require("aws-xray-sdk-express");
  AWSXRay.setLogger({ error() {}, warn() {}, info() {}, debug() {} });

  const app = express();
  app.use(xrayExpress.openSegment("my-service"));
  app.get("/user", (_request, response) => {
    const lookup = AWSXRay.getSegment().addNewSubsegment("UserData");
    lookup.addAnnotation("userId", "u-42");
    lookup.close();
    response.json({ id: "u-42" });
  });
  app.get("/fail", () => {
    throw new Error("boom");
  });
  app.use(xrayExpress.closeSegment());
  app.use((_error, _request, response, _next) => {
    response.status(500).json({ error: "boom" });
  });

  const server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

module.exports = { startApp };
