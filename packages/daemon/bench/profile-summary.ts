/**
 * `tsx packages/daemon/bench/profile-summary.ts FILE.cpuprofile [--top N]`: where the time in a
 * V8 CPU profile went (the daemon writes one per run under `pnpm bench --cpu-prof DIR`), by
 * function (self and total time) and by area of code (our packages, dependencies, Node, GC).
 */

import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Cost {
  readonly name: string;
  readonly micros: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded. */
  readonly busyMicros: number;
  readonly idleMicros: number;
  readonly selfByFunction: readonly Cost[];
  readonly totalByFunction: readonly Cost[];
  readonly selfByArea: readonly Cost[];
}

const SPECIAL = new Set(["(garbage collector)", "(program)", "(idle)", "(root)"]);

function functionKey({ functionName, url, lineNumber }: CallFrame): string {
  const name = functionName === "" ? "(anonymous)" : functionName;
  if (url === "") return name;
  const file = url
    .replace(/^.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^.*\/(apps|packages)\//, "$1/");
  return `${name} ${file.replace(/^file:\/\//, "")}:${lineNumber + 1}`;
}

export function areaOf({ functionName, url }: CallFrame): string {
  if (SPECIAL.has(functionName)) return functionName;
  if (url.startsWith("node:")) return "node internals";
  const dependency =
    /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency?.[1] !== undefined) return dependency[1];
  const ours = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (ours?.[2] !== undefined) return `${ours[1]}/${ours[2]}`;
  return url === "" ? "V8 builtins and native code" : "other";
}

function ranked(costs: Map<string, number>, top: number): Cost[] {
  return [...costs]
    .map(([name, micros]) => ({ name, micros }))
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top);
}

function add(costs: Map<string, number>, key: string, micros: number): void {
  costs.set(key, (costs.get(key) ?? 0) + micros);
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfOfNode = new Map<number, number>();
  for (const [index, nodeId] of profile.samples.entries()) {
    selfOfNode.set(nodeId, (selfOfNode.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }

  const selfByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let idleMicros = 0;
  let busyMicros = 0;
  for (const [nodeId, micros] of selfOfNode) {
    const frame = byId.get(nodeId)?.callFrame;
    if (frame === undefined) continue;
    if (frame.functionName === "(idle)") {
      idleMicros += micros;
      continue;
    }
    busyMicros += micros;
    add(selfByFunction, functionKey(frame), micros);
    add(selfByArea, areaOf(frame), micros);
  }

  // Total time: a node's own samples plus its subtree's, counted once per function even
  // when the function is on the stack more than once.
  const totalByFunction = new Map<string, number>();
  const subtree = (nodeId: number, onStack: ReadonlySet<string>): number => {
    const node = byId.get(nodeId);
    if (node === undefined) return 0;
    const key = functionKey(node.callFrame);
    const stack = onStack.has(key) ? onStack : new Set([...onStack, key]);
    let micros = selfOfNode.get(nodeId) ?? 0;
    for (const child of node.children ?? []) micros += subtree(child, stack);
    if (!onStack.has(key) && !SPECIAL.has(node.callFrame.functionName)) {
      add(totalByFunction, key, micros);
    }
    return micros;
  };
  const root = profile.nodes.find((node) => node.callFrame.functionName === "(root)");
  if (root !== undefined) subtree(root.id, new Set());

  return {
    busyMicros,
    idleMicros,
    selfByFunction: ranked(selfByFunction, top),
    totalByFunction: ranked(totalByFunction, top),
    selfByArea: ranked(selfByArea, top),
  };
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const share = (micros: number) =>
    `${((100 * micros) / Math.max(summary.busyMicros, 1)).toFixed(1).padStart(5)} %`;
  const table = (title: string, costs: readonly Cost[]) => [
    "",
    `${title} (% of busy time)`,
    ...costs.map(
      (cost) =>
        `  ${share(cost.micros)}  ${(cost.micros / 1000).toFixed(0).padStart(6)} ms  ${cost.name}`,
    ),
  ];
  return [
    `busy ${(summary.busyMicros / 1000).toFixed(0)} ms, idle ${(summary.idleMicros / 1000).toFixed(0)} ms`,
    ...table("Self time by area", summary.selfByArea),
    ...table("Self time by function", summary.selfByFunction),
    ...table("Total time by function", summary.totalByFunction),
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const files = argv.filter((arg, index) => !arg.startsWith("--") && argv[index - 1] !== "--top");
  const topIndex = argv.indexOf("--top");
  const top = topIndex === -1 ? 15 : Number(argv[topIndex + 1]);
  if (files.length === 0 || !Number.isInteger(top) || top < 1) {
    process.stderr.write(
      "Usage: tsx packages/daemon/bench/profile-summary.ts FILE.cpuprofile... [--top N]\n",
    );
    return 2;
  }
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
    process.stdout.write(`== ${file}\n${renderProfileSummary(summarizeProfile(profile, top))}\n\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
