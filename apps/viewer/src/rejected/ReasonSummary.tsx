import { formatCount } from "../format/count.ts";
import { REJECTED } from "./RejectedPage.markers.ts";
import { explainReason } from "./rejection-reasons.ts";

interface ReasonSummaryProps {
  counts: readonly [string, number][];
  /** The reason the table is narrowed to, if any. */
  selected: string | undefined;
  onSelect: (reason: string | undefined) => void;
}

/** Each reason seen since the daemon started: how often, what it means, what to do. */
export function ReasonSummary({ counts, selected, onSelect }: ReasonSummaryProps) {
  return (
    <ul className="rejected-reasons">
      {counts.map(([reason, count]) => {
        const explanation = explainReason(reason);
        const active = selected === reason;
        return (
          <li key={reason} className={active ? "rejected-card active" : "rejected-card"}>
            <div className="rejected-card-head">
              <span className="rejected-count">{formatCount(count)}</span>
              <span className={`rejected-reason rejected-reason-${reason}`}>{reason}</span>
              <strong>{explanation.title}</strong>
              <button
                type="button"
                className="rejected-button"
                aria-pressed={active}
                data-testid={REJECTED.reason}
                data-reason={reason}
                onClick={() => onSelect(active ? undefined : reason)}
              >
                {active ? "Show all" : "Show only these"}
              </button>
            </div>
            <p>{explanation.meaning}</p>
            <p className="rejected-fix">
              <strong>What to do:</strong> {explanation.fix}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
