import { TRACE_LIST } from "./TraceList.markers.ts";
import { FLAG_LABELS, type TraceFlag } from "./trace-flags.ts";

/** A coloured badge that also says what it means in words, so colour is never the only cue. */
export function FlagBadge({ flag }: { flag: TraceFlag }) {
  return (
    <span className={`flag-badge flag-${flag}`} data-testid={TRACE_LIST.flag} data-flag={flag}>
      {FLAG_LABELS[flag]}
    </span>
  );
}
