/** X-Ray ids and times as OTLP takes them. */

/** `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`. */
export function w3cTraceId(xrayTraceId: string): string {
  return xrayTraceId.slice(2, 10).toLowerCase() + xrayTraceId.slice(11).toLowerCase();
}

/** Epoch seconds (fractional) as nanoseconds, kept to the microsecond X-Ray SDKs write. */
export function epochNanos(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1_000_000)) * 1000n;
}
