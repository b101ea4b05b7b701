/**
 * `import { test, expect } from "@xray-sandbox/testing/playwright"`: Playwright's `test`
 * with a `sandbox` for each worker, and its `expect` with the X-Ray matchers. By default each
 * worker starts its own sandbox and empties it before every test; with `sandboxUrl`, every
 * worker connects to one sandbox (started in `globalSetup`) and nothing is emptied.
 */

import { expect as baseExpect, test as baseTest } from "@playwright/test";
import { xrayMatchers } from "./matchers.ts";
import { connectSandbox, type SandboxClient } from "./sandbox-client.ts";
import { type SandboxOptions, startSandbox } from "./start-sandbox.ts";

export interface XrayWorkerFixtures {
  /** Options for the worker's sandbox; set them with `test.use({ sandboxOptions })` at file level. */
  sandboxOptions: SandboxOptions;
  /**
   * A sandbox shared by every worker (its URL, e.g. set by `globalSetup`): workers connect to
   * it instead of starting their own, and it is not emptied between tests, so each test
   * looks for its own traces (by trace id or annotation).
   */
  sandboxUrl: string | undefined;
  sandbox: SandboxClient;
}

export interface XrayTestFixtures {
  /** Empties the worker's own sandbox before each test (a shared one is left alone). */
  resetSandbox: undefined;
}

export const test = baseTest.extend<XrayTestFixtures, XrayWorkerFixtures>({
  sandboxOptions: [{}, { scope: "worker", option: true }],
  sandboxUrl: [undefined, { scope: "worker", option: true }],
  sandbox: [
    async ({ sandboxOptions, sandboxUrl }, use) => {
      const sandbox =
        sandboxUrl === undefined
          ? await startSandbox(sandboxOptions)
          : await connectSandbox(sandboxUrl, sandboxOptions);
      try {
        await use(sandbox);
      } finally {
        await sandbox.close();
      }
    },
    { scope: "worker" },
  ],
  resetSandbox: [
    async ({ sandbox, sandboxUrl }, use) => {
      if (sandboxUrl === undefined) await sandbox.reset();
      await use(undefined);
    },
    { auto: true },
  ],
});

export const expect = baseExpect.extend(xrayMatchers);
