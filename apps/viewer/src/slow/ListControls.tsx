import { type FormEvent, useEffect, useState } from "react";
import { LIST_CONTROLS } from "./ListControls.markers.ts";
import { type ListQuery, TIME_RANGE_LABELS, TIME_RANGES, type TimeRange } from "./list-query.ts";
import { responseTimeBoundsOf } from "./response-time-filter.ts";

export interface ListControlsProps {
  readonly query: ListQuery;
  readonly onQuery: (query: ListQuery) => void;
  /** The filter bar's text: the quick fields show the bounds it already carries. */
  readonly filter: string;
  /** Bounds in seconds, written into the filter as `responsetime` terms. */
  readonly onBounds: (min: number | undefined, max: number | undefined) => void;
  /** Why the custom range cannot be used, if it cannot. */
  readonly rangeProblem: string | undefined;
}

/** Milliseconds as typed, or undefined for an empty field; NaN for anything else. */
function millisOf(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : Number.NaN;
}

function shownMillis(seconds: number | undefined): string {
  return seconds === undefined ? "" : String(Number((seconds * 1000).toPrecision(6)));
}

/**
 * The time range (in the URL) and quick response-time bounds (written into the filter, so
 * the user sees the expression they stand for).
 */
export function ListControls({
  query,
  onQuery,
  filter,
  onBounds,
  rangeProblem,
}: ListControlsProps) {
  const bounds = responseTimeBoundsOf(filter);
  const [min, setMin] = useState(shownMillis(bounds.min));
  const [max, setMax] = useState(shownMillis(bounds.max));
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    setMin(shownMillis(bounds.min));
    setMax(shownMillis(bounds.max));
  }, [bounds.min, bounds.max]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const low = millisOf(min);
    const high = millisOf(max);
    if (Number.isNaN(low) || Number.isNaN(high)) {
      setProblem("Type a number of milliseconds, 0 or more");
      return;
    }
    if (low !== undefined && high !== undefined && low > high) {
      setProblem("The lower bound is above the upper one");
      return;
    }
    setProblem(undefined);
    onBounds(
      low === undefined ? undefined : low / 1000,
      high === undefined ? undefined : high / 1000,
    );
  };

  return (
    <div className="list-controls" data-testid={LIST_CONTROLS.root}>
      <label className="list-control">
        <span>Received</span>
        <select
          value={query.range}
          data-testid={LIST_CONTROLS.range}
          onChange={(event) => onQuery({ ...query, range: event.currentTarget.value as TimeRange })}
        >
          {TIME_RANGES.map((range) => (
            <option key={range} value={range}>
              {TIME_RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </label>
      {query.range === "custom" && (
        <>
          <label className="list-control">
            <span>From</span>
            <input
              type="datetime-local"
              step={1}
              value={query.from ?? ""}
              data-testid={LIST_CONTROLS.customFrom}
              onChange={(event) =>
                onQuery({ ...query, from: event.currentTarget.value || undefined })
              }
            />
          </label>
          <label className="list-control">
            <span>To</span>
            <input
              type="datetime-local"
              step={1}
              value={query.to ?? ""}
              data-testid={LIST_CONTROLS.customTo}
              onChange={(event) =>
                onQuery({ ...query, to: event.currentTarget.value || undefined })
              }
            />
          </label>
        </>
      )}
      <form className="list-bounds" onSubmit={apply} aria-label="Response time bounds">
        <label className="list-control">
          <span>Response time ≥</span>
          <input
            type="text"
            inputMode="decimal"
            size={6}
            placeholder="ms"
            value={min}
            data-testid={LIST_CONTROLS.minResponseTime}
            onChange={(event) => setMin(event.currentTarget.value)}
          />
        </label>
        <label className="list-control">
          <span>≤</span>
          <input
            type="text"
            inputMode="decimal"
            size={6}
            placeholder="ms"
            value={max}
            data-testid={LIST_CONTROLS.maxResponseTime}
            onChange={(event) => setMax(event.currentTarget.value)}
          />
        </label>
        <button type="submit" className="toolbar-button" data-testid={LIST_CONTROLS.applyBounds}>
          Apply
        </button>
      </form>
      {(problem ?? rangeProblem) && (
        <span className="list-problem" role="alert" data-testid={LIST_CONTROLS.rangeProblem}>
          {problem ?? `Time range: ${rangeProblem}`}
        </span>
      )}
    </div>
  );
}
