import type { TraceId } from "@xray-sandbox/segments";
import { useSummary } from "../live/live-store.ts";
import { entryPointOf } from "./entry-point.ts";
import { TRACE_LIST } from "./TraceList.markers.ts";

export interface CompareMarkBarProps {
  marked: TraceId;
  onCancel: () => void;
}

/** Says which trace is marked to compare, and how to pick the second one. */
export function CompareMarkBar({ marked, onCancel }: CompareMarkBarProps) {
  const summary = useSummary(marked);
  const entry = summary ? entryPointOf(summary) : undefined;
  return (
    <div className="trace-compare-bar" role="status" data-testid={TRACE_LIST.compareBar}>
      <span>
        Comparing{" "}
        <strong>
          {entry ? `${entry.method ? `${entry.method} ` : ""}${entry.target}` : marked}
        </strong>
        : select another trace and press <kbd>C</kbd>, or Shift+click it.
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
