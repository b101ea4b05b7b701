import type { TelemetryClient, TelemetryRecordView, TelemetryStats } from "@xray-sandbox/segments";
import { formatCount } from "../format/count.ts";
import { TimeAgo } from "../sampling/TimeAgo.tsx";
import { TELEMETRY } from "./TelemetryReports.markers.ts";

interface TelemetryReportsProps {
  telemetry: TelemetryStats | undefined;
  now: number;
}

/**
 * What X-Ray daemons pointed at the sandbox (and other clients calling PutTelemetryRecords)
 * report about forwarding: a daemon that rejected or spilled segments explains segments that
 * never arrived. One row per client, with its latest record; nothing when none reported.
 */
export function TelemetryReports({ telemetry, now }: TelemetryReportsProps) {
  if (telemetry === undefined || telemetry.clients.length === 0) return null;
  const { evictedClients, maxClients } = telemetry.bounds;
  return (
    <section data-testid={TELEMETRY.root}>
      <h2 className="rejected-section">
        Telemetry from X-Ray daemons
        <span className="rejected-muted">
          {" "}
          ({formatCount(telemetry.records)} records in {formatCount(telemetry.calls)} calls
          {evictedClients > 0
            ? `; the ${maxClients} that reported last are shown, ${formatCount(evictedClients)} forgotten`
            : ""}
          )
        </span>
      </h2>
      <p className="rejected-intro">
        An X-Ray daemon that forwards to this sandbox reports every minute what it received, sent
        on, spilled over (its buffer was full) and had rejected, and why it could not connect.
      </p>
      <table className="rejected-table">
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Last report</th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col" className="num">
              Sent
            </th>
            <th scope="col" className="num">
              Spilled over
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">Connection errors</th>
          </tr>
        </thead>
        <tbody>
          {telemetry.clients.map((client) => {
            const latest = client.latest[0];
            return (
              <tr key={clientKey(client)} data-testid={TELEMETRY.row}>
                <td>
                  <code>{clientName(client)}</code>
                  {client.resourceArn !== null && (
                    <div className="rejected-muted">{client.resourceArn}</div>
                  )}
                </td>
                <td>
                  <TimeAgo iso={new Date(client.lastReportAt).toISOString()} now={now} />
                </td>
                <td className="num">{count(latest?.SegmentsReceivedCount)}</td>
                <td className="num">{count(latest?.SegmentsSentCount)}</td>
                <td className="num">{count(latest?.SegmentsSpilloverCount)}</td>
                <td className="num">{count(latest?.SegmentsRejectedCount)}</td>
                <td>{connectionErrors(latest)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function clientKey(client: TelemetryClient): string {
  return `${client.hostname}\n${client.ec2InstanceId}\n${client.resourceArn}`;
}

function clientName(client: TelemetryClient): string {
  const parts = [client.hostname, client.ec2InstanceId].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(" · ") : "(unnamed)";
}

function count(value: number | undefined): string {
  return value === undefined ? "–" : formatCount(value);
}

const ERROR_LABELS: Readonly<Record<string, string>> = {
  TimeoutCount: "timeout",
  ConnectionRefusedCount: "refused",
  HTTPCode4XXCount: "HTTP 4xx",
  HTTPCode5XXCount: "HTTP 5xx",
  UnknownHostCount: "unknown host",
  OtherCount: "other",
};

/** `refused 2, timeout 1`, or `none`. */
export function connectionErrors(record: TelemetryRecordView | undefined): string {
  const errors = record?.BackendConnectionErrors;
  if (errors === undefined) return "–";
  const found = Object.entries(errors)
    .filter(([, value]) => typeof value === "number" && value > 0)
    .map(([name, value]) => `${ERROR_LABELS[name] ?? name} ${formatCount(value)}`);
  return found.length > 0 ? found.join(", ") : "none";
}
