import type { DocumentBody } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { countOf, formatCount } from "../format/count.ts";
import { CopyButton } from "../json/CopyButton.tsx";
import { rawTraceFileName, rawTraceJson } from "./raw-trace.ts";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";

export interface RawTraceJsonProps {
  traceId: string;
  documents: readonly DocumentBody[];
}

/** The page shows this much of the JSON; copy and download always give all of it. */
export const RAW_PREVIEW_CHARS = 200_000;

/** The whole trace as JSON, every document as sent: shown, copied, or downloaded. */
export function RawTraceJson({ traceId, documents }: RawTraceJsonProps) {
  const text = useMemo(() => rawTraceJson(documents), [documents]);
  const fileName = rawTraceFileName(traceId);
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const cut = text.length > RAW_PREVIEW_CHARS;
  return (
    <section className="trace-raw" data-testid={TRACE_TOOLS.rawJson} aria-label="Raw JSON">
      <div className="trace-raw-bar">
        <span>
          {countOf(documents.length, "document")} as received, one JSON array (
          {formatCount(text.length)} characters)
        </span>
        <CopyButton label="Copy the trace as JSON" text={text} testId={TRACE_TOOLS.copyJson}>
          Copy JSON
        </CopyButton>
        <button type="button" onClick={download} data-testid={TRACE_TOOLS.downloadJson}>
          Download {fileName}
        </button>
      </div>
      {cut && (
        <p className="trace-muted">
          Showing the first {formatCount(RAW_PREVIEW_CHARS)} characters: copy or download for all of
          it.
        </p>
      )}
      <section
        className="trace-raw-text"
        aria-label="Trace JSON"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable panel must be reachable by keyboard
        tabIndex={0}
      >
        <pre>{cut ? text.slice(0, RAW_PREVIEW_CHARS) : text}</pre>
      </section>
    </section>
  );
}
