import type { TraceId, TraceSummary } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { Link } from "react-router";
import { useLive } from "../live/live-store.ts";
import { OriginBadges } from "../origin/OriginBadge.tsx";
import { entryPointOf } from "../traces/entry-point.ts";
import { COMPARE } from "./Compare.markers.ts";

/** How many of the newest traces are offered. */
export const PICKER_SIZE = 30;

export interface TracePickerProps {
  /** The trace already chosen: left out, and its entry point's traces come first. */
  readonly against: string;
  readonly againstSummary: TraceSummary | undefined;
}

/**
 * The newest traces to compare `against` with, the ones with the same entry point (the same
 * request, say from the other flavour of a service) first.
 */
export function TracePicker({ against, againstSummary }: TracePickerProps) {
  const ids = useLive((state) => state.ids);
  const summaries = useLive((state) => state.summaries);
  const candidates = useMemo(() => {
    const wanted = againstSummary === undefined ? undefined : entryKey(againstSummary);
    const found: TraceSummary[] = [];
    for (let index = 0; index < ids.length && found.length < PICKER_SIZE; index++) {
      const id = ids.at(index);
      if (id === undefined || id === against) continue;
      const summary = summaries.get(id as TraceId);
      if (summary !== undefined) found.push(summary);
    }
    return wanted === undefined
      ? found
      : [
          ...found.filter((summary) => entryKey(summary) === wanted),
          ...found.filter((summary) => entryKey(summary) !== wanted),
        ];
  }, [ids, summaries, against, againstSummary]);

  return (
    <section
      className="compare-pane compare-picker"
      data-testid={COMPARE.picker}
      aria-label="Choose trace B"
    >
      <h2 className="compare-pane-title">
        <span className="compare-pane-label">B</span> Choose a trace to compare with
      </h2>
      {candidates.length === 0 ? (
        <p>
          No other trace yet. Send the same request again (for instance from the other flavour:{" "}
          <code>pnpm demo --both</code> runs the X-Ray SDK and OpenTelemetry backends side by side),
          and it shows up here.
        </p>
      ) : (
        <ul className="compare-picker-list">
          {candidates.map((summary) => {
            const entry = entryPointOf(summary);
            return (
              <li key={summary.id}>
                <Link
                  to={`/compare?a=${encodeURIComponent(against)}&b=${encodeURIComponent(summary.id)}`}
                  data-testid={COMPARE.pickerItem}
                  className="compare-picker-item"
                >
                  <span className="compare-picker-entry" title={entry.title}>
                    {entry.method && <span className="compare-method">{entry.method} </span>}
                    {entry.target}
                  </span>
                  <span className="compare-picker-service">{summary.root?.name ?? ""}</span>
                  <OriginBadges channels={summary.origins} compact />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function entryKey(summary: TraceSummary): string {
  const entry = entryPointOf(summary);
  return `${entry.method ?? ""} ${entry.target}`;
}
