import { useId } from "react";
import { FlagBadge } from "./FlagBadge.tsx";
import { TRACE_LIST } from "./TraceList.markers.ts";

/** The "?" beside the Flags header: what each badge means and where it comes from. */
export function FlagsHelp() {
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="flags-help-button"
        popoverTarget={id}
        aria-label="What the flags mean"
        data-testid={TRACE_LIST.flagsHelp}
      >
        ?
      </button>
      <div id={id} popover="auto" className="flags-help" role="note" aria-label="Trace flags">
        <h2 className="flags-help-title">What the flags mean</h2>
        <dl>
          <dt>
            <FlagBadge flag="error" />
          </dt>
          <dd>
            A client error: the request was refused, typically an HTTP <b>4xx</b> response. The
            segment carries <code>error: true</code>.
          </dd>
          <dt>
            <FlagBadge flag="throttle" />
          </dt>
          <dd>
            The request was throttled: HTTP <b>429</b> Too Many Requests. SDKs set{" "}
            <code>throttle: true</code> and <code>error: true</code>, so both badges show.
          </dd>
          <dt>
            <FlagBadge flag="fault" />
          </dt>
          <dd>
            A server error: an HTTP <b>5xx</b> response or an exception your code threw (
            <code>fault: true</code>).
          </dd>
          <dt>
            <FlagBadge flag="in-progress" />
          </dt>
          <dd>
            Some document was sent with <code>in_progress: true</code> and no end time yet: the work
            had not finished. The complete document replaces it when it arrives.
          </dd>
          <dt>
            <FlagBadge flag="partial" />
          </dt>
          <dd>
            Pieces are missing: a subsegment whose parent has not arrived, or a segment whose parent
            is not in the trace (an uninstrumented caller, or one that reports elsewhere).
          </dd>
        </dl>
        <p className="flags-help-note">
          A badge shows when any segment or subsegment of the trace has the flag. The filter
          keywords <code>error</code>, <code>throttle</code> and <code>fault</code> look at the
          entry point&apos;s segment only; <code>service() {"{ fault }"}</code> finds a fault in any
          service of the trace.
        </p>
      </div>
    </>
  );
}
