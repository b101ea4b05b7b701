import type { TraceId } from "@xray-sandbox/segments";
import type { ReactNode } from "react";
import { useSummary } from "../live/live-store.ts";
import { setMarkedForCompare, useMarkedForCompare } from "./compare-mark.ts";
import { entryPointOf } from "./entry-point.ts";
import { TRACE_LIST } from "./TraceList.markers.ts";

export interface CompareMarkBarProps {
  /** The list, shown below the bar. */
  list: ReactNode;
}

/** While a trace is marked to compare: which one, and how to pick the second. */
export function CompareMarkBar({ list }: CompareMarkBarProps) {
  const marked = useMarkedForCompare();
  return (
    <>
      {marked !== undefined && <MarkedTrace id={marked} />}
      {list}
    </>
  );
}

function MarkedTrace({ id }: { id: TraceId }) {
  const summary = useSummary(id);
  const entry = summary ? entryPointOf(summary) : undefined;
  return (
    <div className="trace-compare-bar" role="status" data-testid={TRACE_LIST.compareBar}>
      <span>
        Comparing{" "}
        <strong>{entry ? `${entry.method ? `${entry.method} ` : ""}${entry.target}` : id}</strong>:
        select another trace and press <kbd>C</kbd>, or Shift+click it.
      </span>
      <button type="button" onClick={() => setMarkedForCompare(undefined)}>
        Cancel
      </button>
    </div>
  );
}
