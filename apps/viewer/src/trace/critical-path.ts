import { childrenByParent, type SpanRow } from "./self-time.ts";

export type PathRow = SpanRow & { readonly section: "trace" | "orphans" };

/**
 * The critical path: the chain of work the trace's end waited on. From the end of the trace,
 * take the child that finished last before the cursor, follow its own critical path, move
 * the cursor to its start, and repeat; a node's time not covered by the chosen children is
 * its own. The trace's top-level rows are treated as children of the whole trace; orphans
 * (whose parent has not arrived) are left out. Returns the ids of the rows on the path.
 */
export function criticalPath(
  rows: readonly PathRow[],
  children: ReadonlyMap<string, readonly PathRow[]> = childrenByParent(rows),
): ReadonlySet<string> {
  const roots = rows.filter((row) => row.parentRowId === undefined && row.section === "trace");
  if (roots.length === 0) return new Set();
  const byEnd = (list: readonly PathRow[]) => [...list].sort((a, b) => b.end - a.end);

  interface Frame {
    readonly candidates: readonly PathRow[];
    index: number;
    cursor: number;
  }
  const path = new Set<string>();
  const traceEnd = Math.max(...roots.map((root) => root.end));
  const stack: Frame[] = [{ candidates: byEnd(roots), index: 0, cursor: traceEnd }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    let next: PathRow | undefined;
    while (frame.index < frame.candidates.length) {
      const candidate = frame.candidates[frame.index++];
      if (candidate && candidate.start < frame.cursor) {
        next = candidate;
        break;
      }
    }
    if (!next) {
      stack.pop();
      continue;
    }
    path.add(next.id);
    frame.cursor = next.start;
    stack.push({ candidates: byEnd(children.get(next.id) ?? []), index: 0, cursor: next.end });
  }
  return path;
}
