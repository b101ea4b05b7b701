/** Starts one sandbox before the workers; they inherit its URL. Returns the teardown. */

import { startSandbox } from "@xray-sandbox/testing";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const sandbox = await startSandbox();
  process.env.XRAY_SANDBOX_URL = sandbox.url;
  return () => sandbox.close();
}
