import { Explain } from "../explain/Explain.tsx";
import { useNow } from "../format/use-now.ts";
import { SamplingClients } from "./SamplingClients.tsx";
import { SamplingExplainer } from "./SamplingExplainer.tsx";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { SamplingRulesTable } from "./SamplingRulesTable.tsx";
import { fetchSampling } from "./sampling-api.ts";
import { TimeAgo } from "./TimeAgo.tsx";
import { usePolling } from "./use-polling.ts";
import "./sampling.css";

/** SDKs report every 10 s; reading twice as often shows a report soon after it lands. */
const REFRESH_MS = 5000;

/** `/sampling`: the rules the daemon serves and what SDKs reported about them. */
export function SamplingPage() {
  const { data, error } = usePolling(fetchSampling, REFRESH_MS);
  const now = useNow(1000);
  return (
    <main className="sampling-page" data-testid={SAMPLING.root}>
      <div className="sampling-content">
        <header>
          <h1>
            Sampling
            <Explain topic="sampling" />
          </h1>
          <p className="sampling-intro">
            SDKs ask this daemon which requests to trace. These are the rules it serves, and the
            statistics SDKs sent back. Refreshes every {REFRESH_MS / 1000} seconds.
          </p>
        </header>
        {error !== undefined && (
          <p className="sampling-error" role="alert" data-testid={SAMPLING.error}>
            Could not read the sampling state: {error}
          </p>
        )}
        {data === undefined ? (
          error === undefined && <p className="sampling-muted">Loading…</p>
        ) : (
          <>
            <p className="sampling-status" data-testid={SAMPLING.status}>
              Rules last fetched by an SDK:{" "}
              <TimeAgo iso={data.lastRulesFetch} now={now} never="never yet" />
              {" · "}statistics last reported:{" "}
              <TimeAgo iso={data.lastTargetsFetch} now={now} never="never yet" />
            </p>
            {data.lastRulesFetch === null && (
              <p className="sampling-hint">
                No SDK has asked for rules yet. The Node SDK asks on the first request it traces,
                over TCP to the daemon address: check that <code>AWS_XRAY_DAEMON_ADDRESS</code>{" "}
                points here.
              </p>
            )}
            <SamplingRulesTable rules={data.rules} now={now} />
            <h2 className="sampling-section">Reporting SDKs</h2>
            <SamplingClients clients={data.clients} reports={data.recentReports} now={now} />
          </>
        )}
      </div>
      <SamplingExplainer />
    </main>
  );
}
