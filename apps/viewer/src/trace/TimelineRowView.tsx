import { memo } from "react";
import { formatDuration } from "../format/duration.ts";
import { Warned } from "../format/Warned.tsx";
import type { RowNamespace, TimelineRow } from "./build-rows.ts";
import { TIMELINE } from "./Timeline.markers.ts";

export interface TimelineRowViewProps {
  row: TimelineRow;
  domId: string;
  /** The trace's duration in seconds: the width of the bar area. */
  duration: number;
  selected: boolean;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
}

const NAMESPACE_LABELS: Record<RowNamespace, { text: string; title: string }> = {
  remote: { text: "remote", title: "A call to another service (namespace remote)" },
  aws: { text: "AWS", title: "An AWS SDK call (namespace aws)" },
  sql: { text: "SQL", title: "A database query (has a sql block)" },
};

/** Indentation stops growing here so that very deep traces keep their names readable. */
const MAX_INDENT_LEVELS = 24;
const INDENT_PX = 14;

export const TimelineRowView = memo(function TimelineRowView({
  row,
  domId,
  duration,
  selected,
  onSelect,
  onOpen,
  onToggle,
}: TimelineRowViewProps) {
  const scale = duration > 0 ? duration : 1;
  const left = Math.min(100, (row.start / scale) * 100);
  const width = Math.max(0, Math.min(100 - left, ((row.end - row.start) / scale) * 100));
  const end = left + width;
  const labelAt: "after" | "before" | "inside" =
    end < 82 ? "after" : left > 18 ? "before" : "inside";
  const timing = row.inProgress
    ? "in progress"
    : row.duration === undefined
      ? ""
      : formatDuration(row.duration);
  const warning = row.inProgress ? undefined : row.timeWarning;
  // The accessible name starts with the row's visible words, in the order they are shown.
  const shownText = [
    row.depth > MAX_INDENT_LEVELS ? `L${row.depth + 1}` : "",
    row.namespace ? NAMESPACE_LABELS[row.namespace].text : "",
    row.name,
    row.httpStatus === undefined ? "" : String(row.httpStatus),
    row.collapsed ? `+${row.hidden}` : "",
    timing,
  ]
    .filter((part) => part !== "")
    .join(" ");
  const classes = [
    "timeline-row",
    row.kind === "segment" ? "is-segment" : "",
    row.section === "orphans" ? "is-orphan" : "",
    selected ? "is-selected" : "",
  ].join(" ");

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles keys for every row
    // biome-ignore lint/a11y/useFocusableInteractive: the tree holds focus and points at rows with aria-activedescendant
    <div
      id={domId}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? !row.collapsed : undefined}
      aria-label={`${shownText}, ${row.kind}, ${statusWord(row)}${warning === undefined ? "" : `, warning: ${warning}`}`}
      className={classes}
      data-testid={TIMELINE.row}
      data-name={row.name}
      data-id={row.id}
      data-status={row.status}
      onClick={() => {
        onSelect(row.id);
        onOpen(row.id);
      }}
    >
      <div
        className="timeline-name"
        style={{ paddingLeft: Math.min(row.depth, MAX_INDENT_LEVELS) * INDENT_PX + 4 }}
      >
        {row.hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            className="timeline-caret"
            data-testid={TIMELINE.caret}
            aria-label={`${row.collapsed ? "Expand" : "Collapse"} ${row.name}`}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(row.id);
              onToggle(row.id);
            }}
          >
            {row.collapsed ? "▸" : "▾"}
          </button>
        ) : (
          <span className="timeline-caret-space" />
        )}
        {/* Spaces between the parts keep their words apart in the row's text (a flex row drops them). */}{" "}
        {row.depth > MAX_INDENT_LEVELS && <span className="timeline-depth">L{row.depth + 1}</span>}{" "}
        {row.namespace && (
          <span
            className={`timeline-tag tag-${row.namespace}`}
            title={NAMESPACE_LABELS[row.namespace].title}
          >
            {NAMESPACE_LABELS[row.namespace].text}
          </span>
        )}{" "}
        <span className="timeline-label" title={row.name}>
          {row.name}
        </span>{" "}
        {row.httpStatus !== undefined && (
          <span className={`timeline-http status-${row.status}`}>{row.httpStatus}</span>
        )}{" "}
        {row.collapsed && <span className="timeline-hidden">+{row.hidden}</span>}
      </div>{" "}
      <div className="timeline-track">
        <div
          className={`timeline-bar status-${row.status}${row.inProgress ? " is-in-progress" : ""}`}
          data-testid={TIMELINE.bar}
          style={{ left: `${left}%`, width: `${width}%` }}
        />
        {(timing || warning !== undefined) && (
          <span
            className={`timeline-timing timing-${labelAt}`}
            style={
              labelAt === "after"
                ? { left: `calc(${end}% + 6px)` }
                : labelAt === "before"
                  ? { right: `calc(${100 - left}% + 6px)` }
                  : { right: `calc(${100 - end}% + 6px)` }
            }
          >
            <Warned shown={{ text: timing, warning }} />
          </span>
        )}
      </div>
    </div>
  );
});

function statusWord(row: TimelineRow): string {
  const status = row.status === "ok" ? "OK" : row.status;
  return row.inProgress ? `${status}, in progress` : status;
}
