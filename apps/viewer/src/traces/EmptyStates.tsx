import type { SandboxStats } from "@xray-sandbox/segments";
import { Link } from "react-router";
import { countOf } from "../format/count.ts";
import type { ConnectionInfo } from "../live/live-state.ts";
import { exportLine, sdkDaemonAddress } from "./sdk-address.ts";
import { TRACES_PAGE } from "./TraceList.markers.ts";

/** Nothing received yet: how to get the first traces in, step by step. */
export function NoTracesYet({ stats }: { stats: SandboxStats | undefined }) {
  const address = sdkDaemonAddress(
    stats?.udp.address ?? `${window.location.hostname}:2000`,
    window.location,
  );
  const rejected = stats?.datagrams.rejected ?? 0;
  return (
    <section className="traces-empty" data-testid={TRACES_PAGE.emptyNoTraces}>
      <h1>No traces yet</h1>
      <p>
        This daemon stands in for AWS X-Ray on your machine: any X-Ray SDK that sends its segments
        here shows up in this list within a fraction of a second. Nothing leaves the machine.
      </p>
      <ol className="traces-empty-steps">
        <li>
          <strong>Point your service at this daemon</strong> before starting it:
          <pre className="traces-empty-code" data-testid={TRACES_PAGE.daemonAddress}>
            {exportLine(address)}
          </pre>
          The SDK sends segments over UDP to that address and asks it for sampling rules over TCP on
          the same port.
        </li>
        <li>
          <strong>Or see it with example traffic:</strong> from the repository, run
          <pre className="traces-empty-code">pnpm demo</pre>
          It starts the sample Express backend, instrumented with the X-Ray SDK, and sends it
          requests that produce every kind of segment: subsegments, annotations, SQL, remote calls,
          errors, throttles and faults.
        </li>
      </ol>
      {rejected > 0 && (
        <p className="traces-empty-rejected" data-testid={TRACES_PAGE.rejectedHint}>
          {countOf(rejected, "datagram was", "datagrams were")} rejected:{" "}
          <Link to="/rejected">see why</Link>.
        </p>
      )}
    </section>
  );
}

/** The filter matches nothing the daemon holds. */
export function NoMatch({
  filter,
  storeTraces,
  onClearFilter,
}: {
  filter: string;
  storeTraces: number | undefined;
  onClearFilter: () => void;
}) {
  return (
    <section className="traces-empty" data-testid={TRACES_PAGE.emptyNoMatch}>
      <h1>No trace matches this filter</h1>
      <pre className="traces-empty-code">{filter}</pre>
      <p>
        {storeTraces === undefined
          ? "New traces that match will appear here as they arrive."
          : `The daemon holds ${countOf(storeTraces, "trace")}; none matches. New traces that match will appear here as they arrive.`}
      </p>
      <button
        type="button"
        className="toolbar-button"
        data-testid={TRACES_PAGE.clearFilter}
        onClick={onClearFilter}
      >
        Clear the filter
      </button>
    </section>
  );
}

/** The URL holds a filter that does not parse (typed by hand, or from an older link). */
export function InvalidFilter({
  message,
  onClearFilter,
}: {
  message: string;
  onClearFilter: () => void;
}) {
  return (
    <section className="traces-empty" data-testid={TRACES_PAGE.invalidFilter}>
      <h1>This filter is not valid</h1>
      <p>{message}. Fix it above and press Enter, or show every trace.</p>
      <button
        type="button"
        className="toolbar-button"
        data-testid={TRACES_PAGE.clearFilter}
        onClick={onClearFilter}
      >
        Clear the filter
      </button>
    </section>
  );
}

/** No list yet: the first connection, or the daemon cannot be reached. */
export function Waiting({ connection }: { connection: ConnectionInfo }) {
  if (connection.state !== "reconnecting") {
    return <p className="page-message">Loading traces…</p>;
  }
  return (
    <section className="traces-empty" data-testid={TRACES_PAGE.unreachable}>
      <h1>Cannot reach the daemon</h1>
      <p>
        The viewer cannot connect to the daemon at {window.location.host} and retries every second
        (attempt {connection.attempt}); the list comes back by itself once it answers.
        {connection.lastError ? ` Last problem: ${connection.lastError}.` : ""}
      </p>
      <p>
        Is it running? Start it with <code>pnpm start</code>.
      </p>
    </section>
  );
}
