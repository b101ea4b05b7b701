/**
 * `import { test, expect } from "@xray-sandbox/testing/playwright"`: Playwright's `test` with
 * a `sandbox` started once per worker and reset before each test, and its `expect` with the
 * X-Ray matchers.
 */

import { expect as baseExpect, test as baseTest } from "@playwright/test";
import { xrayMatchers } from "./matchers.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "./start-sandbox.ts";

export interface XrayWorkerFixtures {
  /** Options for the worker's sandbox; set them with `test.use({ sandboxOptions })` at file level. */
  sandboxOptions: SandboxOptions;
  sandbox: Sandbox;
}

export interface XrayTestFixtures {
  /** Resets the worker's sandbox before each test. */
  resetSandbox: undefined;
}

export const test = baseTest.extend<XrayTestFixtures, XrayWorkerFixtures>({
  sandboxOptions: [{}, { scope: "worker", option: true }],
  sandbox: [
    async ({ sandboxOptions }, use) => {
      const sandbox = await startSandbox(sandboxOptions);
      try {
        await use(sandbox);
      } finally {
        await sandbox.close();
      }
    },
    { scope: "worker" },
  ],
  resetSandbox: [
    async ({ sandbox }, use) => {
      await sandbox.reset();
      await use(undefined);
    },
    { auto: true },
  ],
});

export const expect = baseExpect.extend(xrayMatchers);
