import type { SamplingClient, SamplingReport } from "@xray-sandbox/segments";
import { formatCount } from "../format/count.ts";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { TimeAgo } from "./TimeAgo.tsx";

const REPORTS_SHOWN = 12;

/** The SDK processes that reported statistics, and their latest reports. */
export function SamplingClients({
  clients,
  reports,
  now,
}: {
  clients: readonly SamplingClient[];
  reports: readonly SamplingReport[];
  now: number;
}) {
  if (clients.length === 0) {
    return (
      <p className="sampling-empty" data-testid={SAMPLING.noClients}>
        No SDK has reported statistics yet. SDKs report every 10 seconds once they have traced (or
        skipped) a request under a rule from this daemon.
      </p>
    );
  }
  return (
    <>
      <table className="sampling-table">
        <caption>SDK processes (one client id each), most recent first.</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Per rule: requests / sampled / borrowed</th>
            <th scope="col" className="num">
              Reports
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last report</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.clientId} data-testid={SAMPLING.clientRow}>
              <th scope="row">
                <code>{client.clientId}</code>
              </th>
              <td data-label="Per rule: requests / sampled / borrowed">
                <ul className="sampling-matchers">
                  {Object.entries(client.rules).map(([rule, counts]) => (
                    <li key={rule}>
                      <span className="sampling-muted">{rule}</span>{" "}
                      {formatCount(counts.requestCount)} / {formatCount(counts.sampledCount)} /{" "}
                      {formatCount(counts.borrowCount)}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="num" data-label="Reports">
                {formatCount(client.reports)}
              </td>
              <td data-label="First seen">
                <TimeAgo iso={client.firstSeenAt} now={now} />
              </td>
              <td data-label="Last report">
                <TimeAgo iso={client.lastSeenAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reports.length > 0 && (
        <table className="sampling-table sampling-reports">
          <caption>Latest statistics reports, newest first (each covers about 10 seconds).</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Client</th>
              <th scope="col">Rule</th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col" className="num">
                Sampled
              </th>
              <th scope="col" className="num">
                Borrowed
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.slice(0, REPORTS_SHOWN).map((report) => (
              <tr
                key={`${report.receivedAt}-${report.ClientID}-${report.RuleName}`}
                data-testid={SAMPLING.reportRow}
              >
                <td data-label="Received">
                  <TimeAgo iso={report.receivedAt} now={now} />
                </td>
                <td data-label="Client">
                  <code>{report.ClientID.slice(0, 8)}…</code>
                </td>
                <td data-label="Rule">{report.RuleName}</td>
                <td className="num" data-label="Requests">
                  {formatCount(report.RequestCount)}
                </td>
                <td className="num" data-label="Sampled">
                  {formatCount(report.SampledCount)}
                </td>
                <td className="num" data-label="Borrowed">
                  {formatCount(report.BorrowCount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
