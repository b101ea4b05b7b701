import type { TraceId } from "@xray-sandbox/segments";
import { Link, useSearchParams } from "react-router";
import { useSummary } from "../live/live-store.ts";
import { useTraceDetail } from "../trace/use-trace-detail.ts";
import { COMPARE } from "./Compare.markers.ts";
import { CompareAligned } from "./CompareAligned.tsx";
import { ComparePane } from "./ComparePane.tsx";
import { TracePicker } from "./TracePicker.tsx";
import "./compare.css";

/**
 * `/compare?a=ID&b=ID`: two traces side by side (stacked on a narrow screen), for instance
 * one request traced by the X-Ray SDK and by OpenTelemetry. Without `b`, a list of recent
 * traces to pick it from.
 */
export function ComparePage() {
  const [params] = useSearchParams();
  const a = params.get("a")?.trim() ?? "";
  const b = params.get("b")?.trim() ?? "";
  const summaryA = useSummary(a as TraceId);

  if (a === "") {
    return (
      <main className="compare-page page-message" data-testid={COMPARE.page}>
        <h1>Compare two traces</h1>
        <p>
          Open a trace and choose <strong>Compare with another trace</strong>, or give two ids:{" "}
          <code>/compare?a=TRACE_ID&amp;b=TRACE_ID</code>.
        </p>
        <p>
          <Link to="/">Back to the list</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="compare-page" data-testid={COMPARE.page}>
      <div className="compare-top">
        <h1>Compare traces</h1>
        {b !== "" && (
          <Link
            to={`/compare?a=${encodeURIComponent(b)}&b=${encodeURIComponent(a)}`}
            data-testid={COMPARE.swap}
          >
            Swap sides
          </Link>
        )}
        <Link to={`/traces/${encodeURIComponent(a)}`}>Back to trace A</Link>
      </div>
      {b === "" ? (
        <div className="compare-panes">
          <OnePane id={a} />
          <TracePicker against={a} againstSummary={summaryA} />
        </div>
      ) : (
        <ComparePair a={a} b={b} />
      )}
    </main>
  );
}

function OnePane({ id }: { id: string }) {
  const detail = useTraceDetail(id);
  return <ComparePane id={id} label="A" detail={detail} />;
}

/** Both traces: aligned node by node once both are read, then each on its own. */
function ComparePair({ a, b }: { a: string; b: string }) {
  const detailA = useTraceDetail(a);
  const detailB = useTraceDetail(b);
  return (
    <>
      {detailA.state.status === "ready" && detailB.state.status === "ready" && (
        <CompareAligned a={detailA.state.body} b={detailB.state.body} />
      )}
      <div className="compare-panes">
        <ComparePane id={a} label="A" detail={detailA} />
        <ComparePane id={b} label="B" detail={detailB} />
      </div>
    </>
  );
}
