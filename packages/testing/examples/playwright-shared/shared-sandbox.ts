/** The `test` of these specs: every worker connects to the sandbox `globalSetup` started. */

import { test as base } from "@xray-sandbox/testing/playwright";

const sandboxUrl = process.env.XRAY_SANDBOX_URL;
if (sandboxUrl === undefined)
  throw new Error("XRAY_SANDBOX_URL is not set: is globalSetup in the config?");

export const test = base.extend({ sandboxUrl: [sandboxUrl, { scope: "worker" }] });
export { expect } from "@xray-sandbox/testing/playwright";
