import type { Seconds } from "@xray-sandbox/segments";
import { memo } from "react";
import { formatDuration, formatOffset } from "../format/duration.ts";
import { Warned } from "../format/Warned.tsx";
import type { RowNamespace, TimelineRow } from "./build-rows.ts";
import { TIMELINE } from "./Timeline.markers.ts";
import { percentIn, type TimeWindow } from "./zoom-window.ts";

/** `match`: the row matches the find box; `current`: it is the match stepped to. */
export type RowMark = "match" | "current";

export interface TimelineRowViewProps {
  row: TimelineRow;
  domId: string;
  /** The part of the trace's time the bar area shows, in seconds from the trace's start. */
  window: TimeWindow;
  /** The step of the clock that wrote the times (seconds); microseconds when absent. */
  resolution?: number | undefined;
  /** The colour slot of the row's service; the bar takes its status colour when absent. */
  serviceSlot?: number | undefined;
  /** Time in this node and in none of its children. */
  self?: Seconds | undefined;
  /** On the critical path. */
  critical?: boolean | undefined;
  mark?: RowMark | undefined;
  selected: boolean;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
  /** The mouse is over the row's bar (its id), or left it (undefined). */
  onHover?: ((id: string | undefined) => void) | undefined;
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
  window,
  resolution,
  serviceSlot,
  self,
  critical = false,
  mark,
  selected,
  onSelect,
  onOpen,
  onToggle,
  onHover,
}: TimelineRowViewProps) {
  const barStart = percentIn(window, row.start);
  const barEnd = percentIn(window, row.end);
  const outside = barEnd < 0 || barStart > 100 || (barEnd === barStart && barStart === 100);
  const left = Math.max(0, Math.min(100, barStart));
  const width = Math.max(0, Math.min(100, barEnd) - left);
  const end = left + width;
  const labelAt: "after" | "before" | "inside" =
    end < 82 ? "after" : left > 18 ? "before" : "inside";
  const duration = row.duration === undefined ? "" : formatDuration(row.duration, resolution);
  const timing = row.inProgress ? "in progress" : duration;
  const flag = row.status === "ok" ? "" : row.status;
  const shownTiming = flag && timing ? `${flag} · ${timing}` : flag || timing;
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
  // Then what the bar and the marks show, spoken.
  const spoken = [
    warning === undefined ? "" : `warning: ${warning}`,
    row.segmentName === undefined ? "" : `service ${row.segmentName}`,
    `starts at ${formatOffset(row.start, resolution)}`,
    self === undefined || !row.hasChildren ? "" : `self time ${formatDuration(self, resolution)}`,
    critical ? "on the critical path" : "",
    mark ? "matches the search" : "",
  ]
    .filter((part) => part !== "")
    .join(", ");
  const classes = [
    "timeline-row",
    row.kind === "segment" ? "is-segment" : "",
    row.section === "orphans" ? "is-orphan" : "",
    selected ? "is-selected" : "",
    mark === "current" ? "is-current-match" : mark === "match" ? "is-match" : "",
  ].join(" ");
  const barClasses = [
    "timeline-bar",
    serviceSlot === undefined ? `status-${row.status}` : `service-${serviceSlot}`,
    serviceSlot !== undefined && row.status !== "ok" ? `mark-${row.status}` : "",
    row.inProgress ? "is-in-progress" : "",
    critical ? "is-critical" : "",
    outside ? "is-outside" : "",
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
      aria-label={`${shownText}, ${row.kind}, ${statusWord(row)}${spoken ? `, ${spoken}` : ""}`}
      className={classes}
      data-testid={TIMELINE.row}
      data-name={row.name}
      data-id={row.id}
      data-status={row.status}
      data-critical={critical ? "true" : undefined}
      data-match={mark}
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
        {/* biome-ignore lint/a11y/noStaticElementInteractions: hovering shows a tooltip; the keyboard gets it on the selected row */}
        <div
          className={barClasses}
          data-testid={TIMELINE.bar}
          style={{ left: `${left}%`, width: `${width}%` }}
          onMouseEnter={onHover && (() => onHover(row.id))}
          onMouseLeave={onHover && (() => onHover(undefined))}
        />
        {!outside && (shownTiming || warning !== undefined) && (
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
            <Warned shown={{ text: shownTiming, warning }} />
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
