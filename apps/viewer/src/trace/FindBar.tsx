import { type KeyboardEvent, useId } from "react";
import { countOf } from "../format/count.ts";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";

export interface FindBarProps {
  query: string;
  onQuery: (query: string) => void;
  /** How many rows match. */
  count: number;
  /** Which match is shown, from 0; -1 before the first step. */
  current: number;
  onStep: (direction: 1 | -1) => void;
}

/**
 * Find in trace: names, annotations, metadata, SQL and URLs. Enter goes to the next match,
 * Shift+Enter to the previous one, Escape clears the box.
 */
export function FindBar({ query, onQuery, count, current, onStep }: FindBarProps) {
  const inputId = useId();
  const statusId = useId();
  const searching = query.trim() !== "";
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape" && query !== "") {
      event.preventDefault();
      event.stopPropagation();
      onQuery("");
    }
  };
  return (
    <search className="trace-find" aria-label="Find in trace">
      <label htmlFor={inputId} className="trace-find-label">
        Find
      </label>
      <input
        id={inputId}
        type="search"
        className="trace-find-input"
        placeholder="name, annotation, metadata, SQL, URL"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={statusId}
        data-testid={TRACE_TOOLS.find}
        autoComplete="off"
        spellCheck={false}
      />
      <span
        id={statusId}
        className="trace-find-count"
        role="status"
        data-testid={TRACE_TOOLS.findCount}
      >
        {!searching
          ? ""
          : count === 0
            ? "No matches"
            : current < 0
              ? countOf(count, "match", "matches")
              : `${current + 1} of ${count}`}
      </span>
      <button
        type="button"
        onClick={() => onStep(-1)}
        disabled={count === 0}
        aria-label="Previous match (Shift+Enter)"
        data-testid={TRACE_TOOLS.findPrevious}
      >
        ↑
      </button>
      <button
        type="button"
        onClick={() => onStep(1)}
        disabled={count === 0}
        aria-label="Next match (Enter)"
        data-testid={TRACE_TOOLS.findNext}
      >
        ↓
      </button>
    </search>
  );
}
