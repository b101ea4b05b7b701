/**
 * `import "@xray-sandbox/testing/vitest"` (in a test file or `setupFiles`) adds the X-Ray
 * matchers to vitest's `expect`, types included.
 */

import { expect } from "vitest";
import { type XrayMatchers, xrayMatchers } from "./matchers.ts";

expect.extend(xrayMatchers);

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's own declaration to merge with it
  interface Matchers<T = any> extends XrayMatchers<void> {}
}
