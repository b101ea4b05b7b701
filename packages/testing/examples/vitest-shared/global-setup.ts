/** Starts one sandbox before any worker, gives its URL to all of them, stops it at the end. */

import { startSandbox } from "@xray-sandbox/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    sandboxUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox();
  project.provide("sandboxUrl", sandbox.url);
  return () => sandbox.close();
}
