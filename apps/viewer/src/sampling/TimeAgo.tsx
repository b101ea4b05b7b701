import { formatDateTime, formatRelativeTime } from "../format/time.ts";
import { isoToMillis } from "./iso-time.ts";

/** "12s ago", with the exact local time as a tooltip; `never` when there is no time. */
export function TimeAgo({
  iso,
  now,
  never = "never",
}: {
  iso: string | null;
  now: number;
  never?: string;
}) {
  const millis = isoToMillis(iso);
  if (millis === undefined || iso === null) return <span className="sampling-muted">{never}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(millis)}>
      {formatRelativeTime(millis, now)}
    </time>
  );
}
