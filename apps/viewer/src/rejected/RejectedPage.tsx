import { useState } from "react";
import { formatCount } from "../format/count.ts";
import { useNow } from "../format/use-now.ts";
import { useConnection, useRejections, useStats } from "../live/live-store.ts";
import { usePolling } from "../sampling/use-polling.ts";
import { mergeRejections, reasonCounts } from "./merge-rejections.ts";
import { ReasonSummary } from "./ReasonSummary.tsx";
import { REJECTED } from "./RejectedPage.markers.ts";
import { RejectedTable } from "./RejectedTable.tsx";
import { fetchRejected } from "./rejected-api.ts";
import { TelemetryReports } from "./TelemetryReports.tsx";
import "./rejected.css";

/** The daemon's log is re-read this often; the live stream adds rejections in between. */
const REFRESH_MS = 10_000;

/** `/rejected`: every datagram the daemon could not store, why, and what to do about it. */
export function RejectedPage() {
  // Re-read the kept list when the live stream (re)connects: rejections from before it was
  // up reach this page only through the list.
  const connected = useConnection().state === "live";
  const { data, error } = usePolling(fetchRejected, REFRESH_MS, connected);
  const live = useRejections();
  const stats = useStats();
  const now = useNow(1000);
  const [reason, setReason] = useState<string | undefined>(undefined);

  const max = data?.max ?? 0;
  const samples = mergeRejections(data?.rejections ?? [], live, Math.max(max, live.length));
  const byReason = stats?.datagrams.rejectedByReason ?? data?.byReason ?? {};
  const counts = reasonCounts(byReason);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const shown = reason === undefined ? samples : samples.filter((s) => s.reason === reason);

  return (
    <main className="rejected-page" data-testid={REJECTED.root}>
      <h1>Rejected datagrams</h1>
      <p className="rejected-intro">
        What the daemon received but could not store, and why: a segment that never shows up in the
        trace list is usually here. Counts cover everything since the daemon started; the last{" "}
        {max > 0 ? formatCount(max) : "few hundred"} datagrams are kept to look at.
      </p>
      {error !== undefined && (
        <p className="rejected-error" role="alert" data-testid={REJECTED.error}>
          Could not read the rejections: {error}
        </p>
      )}
      {data === undefined && live.length === 0 ? (
        error === undefined && <p className="rejected-muted">Loading…</p>
      ) : total === 0 && samples.length === 0 ? (
        <div className="rejected-empty" data-testid={REJECTED.empty}>
          <h2>Nothing rejected: every datagram was accepted</h2>
          <p>
            {stats === undefined
              ? "Every datagram the daemon received was stored."
              : `${countLabel(stats.datagrams.received)} received, all stored.`}{" "}
            If a segment you expect is missing from the trace list, check that the SDK sends to this
            daemon's address and that sampling traced the request (see Sampling).
          </p>
        </div>
      ) : (
        <>
          <h2 className="rejected-section">
            {formatCount(total)} rejected
            {stats !== undefined && (
              <span className="rejected-muted">
                {" "}
                of {countLabel(stats.datagrams.received)} received
              </span>
            )}
          </h2>
          <ReasonSummary counts={counts} selected={reason} onSelect={setReason} />
          <h2 className="rejected-section">
            {reason === undefined ? "Kept datagrams" : `Kept datagrams: ${reason}`}
            <span className="rejected-muted"> ({formatCount(shown.length)}, newest first)</span>
          </h2>
          {shown.length > 0 ? (
            <RejectedTable rejections={shown} now={now} />
          ) : (
            <p className="rejected-muted">
              None kept: these were counted, but newer rejections took their place.
            </p>
          )}
        </>
      )}
      <TelemetryReports telemetry={stats?.telemetry} now={now} />
    </main>
  );
}

function countLabel(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "datagram" : "datagrams"}`;
}
