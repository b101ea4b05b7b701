import type { RejectionSample } from "@xray-sandbox/segments";

function keyOf(sample: RejectionSample): string {
  return `${sample.receivedAt}\n${sample.from}\n${sample.size}\n${sample.reason}\n${sample.preview}`;
}

/**
 * The kept rejections read over HTTP joined with those the live stream brought since, newest
 * first, each once, at most `max`.
 */
export function mergeRejections(
  fetched: readonly RejectionSample[],
  live: readonly RejectionSample[],
  max: number,
): RejectionSample[] {
  const seen = new Set<string>();
  const merged: RejectionSample[] = [];
  for (const sample of [...live, ...fetched]) {
    const key = keyOf(sample);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(sample);
  }
  merged.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
  return merged.slice(0, max);
}

/** Counts per reason, largest first. */
export function reasonCounts(byReason: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(byReason)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
