/**
 * A fresh X-Ray trace id (`1-<epoch seconds, 8 hex>-<24 random hex>`). Send it in
 * `X-Amzn-Trace-Id: Root=<id>;Sampled=1` and the service's SDK records the request under
 * it (and traces it, whatever its sampling rules): the test then waits for exactly that trace.
 */
export function newTraceId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `1-${seconds}-${Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
