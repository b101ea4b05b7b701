/**
 * Chromium CPU profiles (`Profiler.stop` over CDP) read as the heaviest functions: the bench
 * profiling scripts print these.
 */

import type { CpuProfile } from "../../packages/daemon/bench/profile-summary.ts";

/** A profile as `Profiler.stop` gives it: the same shape the daemon's benches read. */
export type Profile = CpuProfile;
type ProfileNode = CpuProfile["nodes"][number];

/** Total time (ms) per function, itself and what it called, the heaviest first. */
export function totalTimes(profile: Profile, top: number): string[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const key = functionKey(node);
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    }
  });
  return heaviest(totals, top);
}

/** Self time (ms) per function, the heaviest first. */
export function selfTimes(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const key = functionKey(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return heaviest(totals, top);
}

/** A function as `name file:line`. */
function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split("/").pop() ?? url;
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** The `top` largest totals, one line each. */
function heaviest(totals: ReadonlyMap<string, number>, top: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${key}`);
}
