import type { TraceId } from "@xray-sandbox/segments";
import { useState } from "react";
import { TRACE_LIST } from "./TraceList.markers.ts";

/** The last 8 hex digits tell traces apart on screen; the button copies the whole id. */
export function shortTraceId(id: TraceId): string {
  return id.slice(-8);
}

export function ShortTraceId({ id }: { id: TraceId }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="trace-id">
      <code title={id} data-testid={TRACE_LIST.traceId}>
        …{shortTraceId(id)}
      </code>
      <button
        type="button"
        className="trace-copy-id"
        data-testid={TRACE_LIST.copyId}
        aria-label={copied ? `Copied ${id}` : `Copy trace id ${id}`}
        title={copied ? "Copied" : "Copy the trace id"}
        tabIndex={-1}
        onClick={(event) => {
          // The row opens the trace on click: copying must not.
          event.preventDefault();
          event.stopPropagation();
          void navigator.clipboard?.writeText(id).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? "✓" : <CopyIcon />}
      </button>
    </span>
  );
}

function CopyIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect x="3.5" y="3.5" width="7" height="7" rx="1" fill="none" stroke="currentColor" />
      <path d="M8.5 2.5v-1h-7v7h1" fill="none" stroke="currentColor" />
    </svg>
  );
}
