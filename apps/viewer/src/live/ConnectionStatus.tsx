import { Link } from "react-router";
import { formatCount } from "../format/count.ts";
import { CONNECTION_STATUS } from "./ConnectionStatus.markers.ts";
import { ForwardStatus } from "./ForwardStatus.tsx";
import type { ConnectionInfo } from "./live-state.ts";
import { useConnection, useStats } from "./live-store.ts";
import "./connection-status.css";

/**
 * The live connection's state and the daemon's counters, for the header. Only the state is
 * announced to screen readers; counters that tick every 100 ms are not.
 */
export function ConnectionStatus() {
  const connection = useConnection();
  const stats = useStats();
  return (
    <div className="connection-status" data-testid={CONNECTION_STATUS.root}>
      <span
        className={`connection-state connection-state-${connection.state}`}
        data-testid={CONNECTION_STATUS.state}
        data-state={connection.state}
        role="status"
        title={connection.lastError ? `Last problem: ${connection.lastError}` : undefined}
      >
        <span className="connection-dot" aria-hidden="true" />
        {stateLabel(connection)}
      </span>
      {connection.state === "paused" && connection.newWhilePaused > 0 && (
        <span className="connection-waiting">{formatCount(connection.newWhilePaused)} new</span>
      )}
      {stats && (
        <span className="connection-counters">
          <span data-testid={CONNECTION_STATUS.traces} title="Traces the daemon holds">
            {formatCount(stats.traces)} traces
          </span>
          <span
            data-testid={CONNECTION_STATUS.received}
            title="UDP datagrams received since the daemon started"
          >
            {formatCount(stats.datagrams.received)} received
          </span>
          <Link
            to="/rejected"
            className={`connection-rejected${stats.datagrams.rejected > 0 ? " connection-rejected-some" : ""}`}
            data-testid={CONNECTION_STATUS.rejected}
            title="Datagrams the daemon could not accept: see why"
          >
            {formatCount(stats.datagrams.rejected)} rejected
          </Link>
        </span>
      )}
      {stats && <ForwardStatus forwards={stats.forwards} />}
    </div>
  );
}

function stateLabel(connection: ConnectionInfo): string {
  switch (connection.state) {
    case "live":
      return "Live";
    case "connecting":
      return "Connecting…";
    case "reconnecting":
      return `Reconnecting (attempt ${connection.attempt})…`;
    case "paused":
      return "Paused";
  }
}
