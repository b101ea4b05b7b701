/**
 * `pnpm bench:viewer`: the viewer's benchmarks one after the other, each against a baseline
 * measured in the same run: the live list with 100,000 traces against 1,000
 * (`list-100k.ts`), then the trace view of a 10,000-node trace and the comparison of two
 * 1,000-node traces (`trace-view.ts`, also `pnpm bench:trace-view`).
 *
 *   pnpm bench:viewer [--sizes 1000,100000] [--reps 3]
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,100000" },
    reps: { type: "string", default: "3" },
  },
});

const runs: [file: string, args: string[]][] = [
  ["list-100k.ts", ["--sizes", values.sizes, "--reps", values.reps]],
  ["trace-view.ts", ["--reps", values.reps]],
];
for (const [file, args] of runs) {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: "inherit",
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
