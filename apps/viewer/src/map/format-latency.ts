/** A duration in seconds the way people read latencies: µs, ms or s, two or three digits. */
export function formatLatency(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 0.001) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${roundTo(seconds * 1000)} ms`;
  return `${roundTo(seconds)} s`;
}

function roundTo(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, "");
  return value.toFixed(2).replace(/\.?0+$/, "");
}

/** `1 request`, `12 requests`, `1.2k requests`. */
export function formatRequests(count: number): string {
  const number = count >= 10_000 ? `${(count / 1000).toFixed(0)}k` : count >= 1000 ? `${(count / 1000).toFixed(1)}k` : String(count);
  return `${number} ${count === 1 ? "request" : "requests"}`;
}
