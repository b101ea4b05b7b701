import { setTimeout as delay } from "node:timers/promises";
import { describeFetchError } from "../traffic/describe-fetch-error.ts";

export type WaitResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "gave-up"; readonly message: string }
  | { readonly ok: false; readonly reason: "cancelled" };

/**
 * Polls `url` until it answers 200, `cancelled` settles (the process behind it exited),
 * or `timeoutMs` passes.
 */
export async function waitForHttp(
  url: string,
  options: { cancelled: Promise<unknown>; timeoutMs: number; intervalMs?: number },
): Promise<WaitResult> {
  let cancelled = false;
  void options.cancelled.then(() => {
    cancelled = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer yet";
  while (!cancelled && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return { ok: true };
      last = `it answered ${response.status}`;
    } catch (error) {
      last = describeFetchError(error, 2000);
    }
    await delay(options.intervalMs ?? 100);
  }
  if (cancelled) return { ok: false, reason: "cancelled" };
  return {
    ok: false,
    reason: "gave-up",
    message: `${url} did not answer 200 within ${options.timeoutMs} ms (${last})`,
  };
}
