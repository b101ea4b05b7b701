import type { Seconds } from "@xray-sandbox/segments";
import { formatDuration, formatOffset } from "../format/duration.ts";
import type { TimelineRow } from "./build-rows.ts";
import { TIMELINE } from "./Timeline.markers.ts";
import { percentIn, type TimeWindow } from "./zoom-window.ts";

export interface BarTooltipProps {
  row: TimelineRow;
  /** Pixels from the top of the rows to the bottom of this row. */
  top: number;
  window: TimeWindow;
  resolution: number | undefined;
  self: Seconds | undefined;
  critical: boolean;
}

/** The width of the bar area within the rows. */
const TRACK = "(100% - var(--timeline-name-width))";

/**
 * The facts of one bar, under it: name, service, start offset, duration, self time, status.
 * Shown while the mouse is over a bar, and for the selected row while the timeline has the
 * keyboard focus (a screen reader hears the same facts in the row's name).
 */
export function BarTooltip({ row, top, window, resolution, self, critical }: BarTooltipProps) {
  const at = Math.max(0, Math.min(100, percentIn(window, row.start)));
  const status = row.status === "ok" ? "OK" : row.status;
  return (
    <div
      className="timeline-tooltip"
      role="tooltip"
      data-testid={TIMELINE.tooltip}
      style={
        at <= 50
          ? { top, left: `calc(var(--timeline-name-width) + ${at / 100} * ${TRACK})` }
          : { top, right: `calc(${1 - at / 100} * ${TRACK})` }
      }
    >
      <strong className="timeline-tooltip-name">{row.name}</strong>
      <dl>
        <dt>Service</dt>
        <dd>{row.segmentName ?? "–"}</dd>
        <dt>Starts at</dt>
        <dd>{formatOffset(row.start, resolution)}</dd>
        <dt>Duration</dt>
        <dd>
          {row.inProgress
            ? "in progress"
            : row.duration === undefined
              ? "unknown"
              : formatDuration(row.duration, resolution)}
        </dd>
        {self !== undefined && row.hasChildren && (
          <>
            <dt>Self time</dt>
            <dd>{formatDuration(self, resolution)}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>
          {status}
          {row.httpStatus !== undefined && ` (HTTP ${row.httpStatus})`}
        </dd>
      </dl>
      {critical && <p className="timeline-tooltip-note">On the critical path</p>}
    </div>
  );
}
