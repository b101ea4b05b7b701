/**
 * Two traces' trees aligned node by node, for showing how a slow request differs from a fast
 * one of the same route. Siblings are matched by kind and name, the first `db` under a node
 * with the first `db` under the matching node, and so on; what one trace has and the other
 * has not is kept in place and marked.
 */

import type { Seconds } from "@xray-sandbox/segments";
import type { TimelineRow } from "../trace/build-rows.ts";

export type AlignInput = Pick<
  TimelineRow,
  "id" | "name" | "kind" | "parentRowId" | "duration" | "status" | "segmentName"
>;

export interface AlignedSide {
  readonly id: string;
  readonly duration: Seconds | undefined;
  readonly status: TimelineRow["status"];
}

export interface AlignedRow {
  /** Unique among the rows: the path of kind, name and occurrence from the top. */
  readonly key: string;
  readonly depth: number;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  /** The node in trace A; undefined when only B has it. */
  readonly a: AlignedSide | undefined;
  readonly b: AlignedSide | undefined;
  /** B's duration less A's, when both have one. */
  readonly delta: Seconds | undefined;
}

export interface Alignment {
  readonly rows: readonly AlignedRow[];
  readonly matched: number;
  readonly onlyA: number;
  readonly onlyB: number;
}

interface Pair<Row> {
  readonly a: Row | undefined;
  readonly b: Row | undefined;
  readonly key: string;
}

export function alignTraces(a: readonly AlignInput[], b: readonly AlignInput[]): Alignment {
  const childrenA = childrenOf(a);
  const childrenB = childrenOf(b);
  const rows: AlignedRow[] = [];
  let matched = 0;
  let onlyA = 0;
  let onlyB = 0;

  interface Item {
    readonly pair: Pair<AlignInput>;
    readonly depth: number;
    readonly path: string;
  }
  const stack: Item[] = [];
  const pushSiblings = (
    listA: readonly AlignInput[],
    listB: readonly AlignInput[],
    depth: number,
    path: string,
  ) => {
    const pairs = mergeSiblings(listA, listB);
    for (let i = pairs.length - 1; i >= 0; i--) {
      const pair = pairs[i];
      if (pair) stack.push({ pair, depth, path: `${path}/${pair.key}` });
    }
  };
  pushSiblings(childrenA.get(undefined) ?? [], childrenB.get(undefined) ?? [], 0, "");
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { pair, depth, path } = item;
    const shown = pair.a ?? pair.b;
    if (!shown) continue;
    if (pair.a && pair.b) matched++;
    else if (pair.a) onlyA++;
    else onlyB++;
    const durationA = pair.a?.duration;
    const durationB = pair.b?.duration;
    rows.push({
      key: path,
      depth,
      name: shown.name,
      kind: shown.kind,
      a: pair.a && side(pair.a),
      b: pair.b && side(pair.b),
      delta:
        durationA !== undefined && durationB !== undefined
          ? ((durationB - durationA) as Seconds)
          : undefined,
    });
    pushSiblings(
      pair.a ? (childrenA.get(pair.a.id) ?? []) : [],
      pair.b ? (childrenB.get(pair.b.id) ?? []) : [],
      depth + 1,
      path,
    );
  }
  return { rows, matched, onlyA, onlyB };
}

function side(row: AlignInput): AlignedSide {
  return { id: row.id, duration: row.duration, status: row.status };
}

function childrenOf(rows: readonly AlignInput[]): Map<string | undefined, AlignInput[]> {
  const children = new Map<string | undefined, AlignInput[]>();
  for (const row of rows) {
    const list = children.get(row.parentRowId);
    if (list) list.push(row);
    else children.set(row.parentRowId, [row]);
  }
  return children;
}

/** Each sibling's key: kind and name, and which occurrence of them it is (`subsegment:db#2`). */
function keyed(list: readonly AlignInput[]): string[] {
  const seen = new Map<string, number>();
  return list.map((row) => {
    const base = `${row.kind}:${row.name}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/**
 * A's siblings in A's order, each with B's sibling of the same key; B's unmatched siblings
 * placed before the next matched one, as they are in B.
 */
function mergeSiblings(
  listA: readonly AlignInput[],
  listB: readonly AlignInput[],
): Pair<AlignInput>[] {
  const keysA = keyed(listA);
  const inA = new Set(keysA);
  const keysB = keyed(listB);
  const indexB = new Map(keysB.map((key, index) => [key, index]));
  const used = new Set<number>();
  const pairs: Pair<AlignInput>[] = [];
  let next = 0;
  const flushBefore = (limit: number) => {
    for (; next < limit; next++) {
      const key = keysB[next];
      if (used.has(next) || key === undefined || indexB.get(key) !== next) continue;
      if (inA.has(key)) continue;
      used.add(next);
      pairs.push({ a: undefined, b: listB[next], key });
    }
  };
  listA.forEach((rowA, index) => {
    const key = keysA[index] ?? "";
    const at = indexB.get(key);
    if (at === undefined) {
      pairs.push({ a: rowA, b: undefined, key });
      return;
    }
    flushBefore(at);
    used.add(at);
    pairs.push({ a: rowA, b: listB[at], key });
    next = Math.max(next, at + 1);
  });
  flushBefore(listB.length);
  return pairs;
}
