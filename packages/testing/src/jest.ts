/**
 * `import "@xray-sandbox/testing/jest"` (in `setupFilesAfterEnv`, or a test file) adds the
 * X-Ray matchers to Jest's `expect`, types included for `@jest/globals` and `@types/jest`.
 */

import { expect } from "expect";
import { type XrayMatchers, xrayMatchers } from "./matchers.ts";

// Jest keeps matchers on the test's global object, so extending the `expect` package here
// extends the `expect` that Jest hands the tests.
expect.extend(xrayMatchers);

declare module "expect" {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends XrayMatchers<R> {}
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: must repeat @types/jest's declaration to merge with it
    interface Matchers<R, T = {}> extends XrayMatchers<R> {}
  }
}
