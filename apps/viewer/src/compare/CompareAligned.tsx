import type { Seconds, TraceDetailBody } from "@xray-sandbox/segments";
import { useMemo, useState } from "react";
import { countOf } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { buildRows } from "../trace/build-rows.ts";
import { traceResolution } from "../trace/time-resolution.ts";
import { useAfterPaint } from "../trace/use-after-paint.ts";
import { COMPARE } from "./Compare.markers.ts";
import { type AlignedRow, alignTraces } from "./compare-align.ts";

export interface CompareAlignedProps {
  readonly a: TraceDetailBody;
  readonly b: TraceDetailBody;
}

/** Rows shown at first; the rest are counted below the list, with a button to show them. */
export const ALIGNED_SHOWN = 500;
/** Rows in the first frame (more than a screen holds); the others follow once it is painted. */
const FIRST_FRAME_ROWS = 60;
const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

/**
 * Both traces' trees in one outline: a node both have on one line with its duration in A, in
 * B, and the difference; a node only one has is marked "only in A" or "only in B".
 */
export function CompareAligned({ a, b }: CompareAlignedProps) {
  const { alignment, resolution, total } = useMemo(() => {
    const rowsA = buildRows(a, NOTHING_COLLAPSED).rows;
    const rowsB = buildRows(b, NOTHING_COLLAPSED).rows;
    return {
      alignment: alignTraces(rowsA, rowsB),
      resolution: Math.max(traceResolution(a), traceResolution(b)),
      total:
        a.summary.duration !== undefined && b.summary.duration !== undefined
          ? b.summary.duration - a.summary.duration
          : undefined,
    };
  }, [a, b]);
  const time = (value: Seconds | undefined) =>
    value === undefined ? "–" : formatDuration(value, resolution);
  const [showAll, setShowAll] = useState(false);
  const painted = useAfterPaint();
  const shown = showAll
    ? alignment.rows
    : alignment.rows.slice(0, painted ? ALIGNED_SHOWN : FIRST_FRAME_ROWS);

  return (
    <section
      className="compare-aligned"
      aria-labelledby="compare-aligned-title"
      data-testid={COMPARE.aligned}
    >
      <h2 id="compare-aligned-title" className="compare-aligned-title">
        Structure aligned
      </h2>
      <p className="compare-aligned-summary" data-testid={COMPARE.alignedSummary}>
        {countOf(alignment.matched, "node")} in both, {alignment.onlyA} only in A, {alignment.onlyB}{" "}
        only in B.
        {total !== undefined && (
          <>
            {" "}
            {totalText(total as Seconds, resolution)} ({time(a.summary.duration)} in A,{" "}
            {time(b.summary.duration)} in B).
          </>
        )}
      </p>
      <div className="compare-aligned-head" aria-hidden="true">
        <span>Node</span>
        <span>A</span>
        <span>B</span>
        <span>B − A</span>
      </div>
      <ol className="compare-aligned-list" aria-label="Nodes of both traces, aligned">
        {shown.map((row) => (
          <AlignedItem key={row.key} row={row} resolution={resolution} />
        ))}
      </ol>
      {painted && alignment.rows.length > shown.length && (
        <p className="compare-aligned-more">
          Showing the first {shown.length} of {alignment.rows.length} aligned nodes.{" "}
          <button type="button" onClick={() => setShowAll(true)}>
            Show all {alignment.rows.length}
          </button>
        </p>
      )}
    </section>
  );
}

function AlignedItem({ row, resolution }: { row: AlignedRow; resolution: number }) {
  const presence = row.a && row.b ? "both" : row.a ? "a" : "b";
  const slower = row.delta !== undefined && row.delta >= resolution;
  const faster = row.delta !== undefined && row.delta <= -resolution;
  const time = (value: Seconds | undefined) =>
    value === undefined ? "in progress" : formatDuration(value, resolution);
  return (
    <li
      className={`compare-aligned-row is-${presence}`}
      data-testid={COMPARE.alignedRow}
      data-name={row.name}
      data-presence={presence}
    >
      <span
        className="compare-aligned-name"
        style={{ paddingInlineStart: `${Math.min(row.depth, 12) * 0.8}rem` }}
      >
        <span className="compare-aligned-label" title={row.name}>
          {row.name}
        </span>
        {presence !== "both" && (
          <span className={`compare-only compare-only-${presence}`}>
            only in {presence.toUpperCase()}
          </span>
        )}
      </span>
      <span className="compare-aligned-time">
        <span className="compare-aligned-side">A </span>
        {row.a ? time(row.a.duration) : "–"}
      </span>
      <span className="compare-aligned-time">
        <span className="compare-aligned-side">B </span>
        {row.b ? time(row.b.duration) : "–"}
      </span>
      <span
        className={`compare-aligned-delta${slower ? " is-slower" : faster ? " is-faster" : ""}`}
        data-testid={COMPARE.alignedDelta}
      >
        {row.delta === undefined ? "" : deltaText(row.delta, resolution)}
      </span>
    </li>
  );
}

/** `+470 ms`, `−3 ms`, `±0`, at the clock's resolution. */
function deltaText(delta: Seconds, resolution: number): string {
  if (Math.abs(delta) < resolution / 2) return "±0";
  const size = formatDuration(Math.abs(delta) as Seconds, resolution);
  return delta > 0 ? `+${size}` : `−${size}`;
}

function totalText(delta: Seconds, resolution: number): string {
  if (Math.abs(delta) < resolution / 2) return "B took as long as A";
  const size = formatDuration(Math.abs(delta) as Seconds, resolution);
  return delta > 0 ? `B took ${size} longer than A` : `B took ${size} less than A`;
}
