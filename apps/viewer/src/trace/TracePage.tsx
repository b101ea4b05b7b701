import type { TraceId } from "@xray-sandbox/segments";
import { Link, useParams } from "react-router";
import { useSummary } from "../live/live-store.ts";
import { TRACE_PAGE } from "./TracePage.markers.ts";
import { TraceView } from "./TraceView.tsx";
import { traceVersion, useTraceDetail } from "./use-trace-detail.ts";
import "./trace-page.css";

/**
 * `/traces/:id`: one trace, read from the daemon and kept current while it changes (the
 * live stream reports an update, or it is still in progress or partial).
 */
export function TracePage() {
  const id = useParams().id ?? "";
  const live = useSummary(id as TraceId);
  const { state, reload } = useTraceDetail(id, live ? traceVersion(live) : undefined);

  if (state.status === "loading") {
    return (
      <main className="trace-page trace-message" data-testid={TRACE_PAGE.loading} aria-busy="true">
        <p>
          Loading trace <code>{id}</code>…
        </p>
      </main>
    );
  }
  if (state.status === "not-found") {
    return (
      <main className="trace-page trace-message" data-testid={TRACE_PAGE.notFound}>
        <h1>No trace {id}</h1>
        <p>
          It may have been evicted (the sandbox keeps a bounded number of traces) or cleared, or it
          has not arrived yet.
        </p>
        <p className="trace-muted">{state.message}</p>
        <p>
          <Link to="/">Back to the list</Link>
        </p>
      </main>
    );
  }
  if (state.status === "error") {
    return (
      <main className="trace-page trace-message" data-testid={TRACE_PAGE.error}>
        <h1>Could not load trace {id}</h1>
        <p className="trace-muted">{state.message}</p>
        <p>
          <button type="button" onClick={reload}>
            Try again
          </button>{" "}
          <Link to="/">Back to the list</Link>
        </p>
      </main>
    );
  }
  return <TraceView body={state.body} refreshError={state.refreshError} />;
}
