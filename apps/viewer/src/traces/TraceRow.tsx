import type { TraceId } from "@xray-sandbox/segments";
import { type MouseEvent, memo } from "react";
import { Link } from "react-router";
import { ProblemBadge } from "../doctor/ProblemBadge.tsx";
import { shownSeconds } from "../format/sent-time.ts";
import { formatDateTime, formatRelativeTime, isoTime } from "../format/time.ts";
import { Warned } from "../format/Warned.tsx";
import { useSummary } from "../live/live-store.ts";
import { OriginBadges } from "../origin/OriginBadge.tsx";
import { entryPointOf } from "./entry-point.ts";
import { FlagBadge } from "./FlagBadge.tsx";
import { TRACE_LIST } from "./TraceList.markers.ts";
import { flagsOf, statusClassOf } from "./trace-flags.ts";

export interface TraceRowProps {
  id: TraceId;
  index: number;
  /** Pixels from the top of the list body. */
  top: number;
  selected: boolean;
  now: number;
  onOpen: (id: TraceId, index: number) => void;
}

export function rowElementId(id: TraceId): string {
  return `trace-row-${id}`;
}

/** One trace in the list; re-renders when its own summary changes, not when others do. */
export const TraceRow = memo(function TraceRow({
  id,
  index,
  top,
  selected,
  now,
  onOpen,
}: TraceRowProps) {
  const summary = useSummary(id);
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    onOpen(id, index);
  };
  const common = {
    id: rowElementId(id),
    "aria-rowindex": index + 2,
    "aria-selected": selected,
    "data-testid": TRACE_LIST.row,
    "data-trace-id": id,
    className: `trace-row${selected ? " trace-row-selected" : ""}`,
    style: { transform: `translateY(${top}px)` },
    onClick,
  };
  if (!summary) {
    return (
      <tr {...common}>
        <td className="trace-cell trace-cell-muted">{id}</td>
      </tr>
    );
  }
  const entry = entryPointOf(summary);
  const status = summary.http?.status;
  const statusClass = statusClassOf(status);
  const services = summary.services.map((service) => service.name);
  return (
    <tr {...common}>
      <td className="trace-cell trace-received trace-time">
        <time
          dateTime={isoTime(summary.firstReceivedAt)}
          title={`Received ${formatDateTime(summary.firstReceivedAt)}`}
        >
          {formatRelativeTime(summary.firstReceivedAt, now)}
        </time>
      </td>
      <td
        className="trace-cell trace-entry"
        title={entry.title}
        data-testid={TRACE_LIST.entryPoint}
      >
        {entry.method && <span className="trace-method">{entry.method}</span>}
        <Link to={`/traces/${id}`} className="trace-link" tabIndex={-1}>
          {entry.origin && <span className="trace-origin">{entry.origin}</span>}
          <span className="trace-target">{entry.target}</span>
        </Link>
      </td>
      <td
        className={`trace-cell trace-status trace-status-${statusClass}`}
        data-testid={TRACE_LIST.status}
      >
        {status ?? "–"}
      </td>
      <td className="trace-cell trace-duration" data-testid={TRACE_LIST.duration}>
        {summary.duration === undefined ? (
          <span className="trace-cell-muted">running</span>
        ) : summary.warnings.length > 0 ? (
          <Warned
            shown={{
              text: shownSeconds(summary.duration).text,
              warning: summary.warnings.join("\n"),
            }}
          />
        ) : (
          <Warned shown={shownSeconds(summary.duration)} />
        )}
      </td>
      <td
        className="trace-cell trace-services"
        title={summary.services
          .map((service) => (service.type ? `${service.name} (${service.type})` : service.name))
          .join("\n")}
      >
        {services.join(", ")}
      </td>
      <td className="trace-cell trace-sent-by" data-testid={TRACE_LIST.sentBy}>
        <OriginBadges
          channels={summary.origins}
          compact={summary.origins.length > 1}
          unsampled={summary.unsampled ? "all" : 0}
        />
      </td>
      <td className="trace-cell trace-flags">
        {flagsOf(summary).map((flag) => (
          <FlagBadge key={flag} flag={flag} />
        ))}
        <ProblemBadge counts={summary.problems} />
      </td>
    </tr>
  );
});
