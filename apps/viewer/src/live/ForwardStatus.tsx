import type { ForwardStats } from "@xray-sandbox/segments";
import { countOf, formatCount } from "../format/count.ts";
import { FORWARD_STATUS } from "./ForwardStatus.markers.ts";
import "./forward-status.css";

/**
 * The daemon's `--forward` targets, for the header: a disclosure whose summary says how many
 * targets there are (or, for one, how much it sent) and whether any has problems, and whose
 * panel lists each target with its own counters and last error. Nothing when not forwarding.
 */
export function ForwardStatus({ forwards }: { forwards: readonly ForwardStats[] | undefined }) {
  if (forwards === undefined || forwards.length === 0) return null;
  const troubled = forwards.filter(hasProblems).length;
  const only = forwards.length === 1 ? forwards[0] : undefined;
  const summary =
    only === undefined
      ? `Forwarding to ${forwards.length} targets`
      : `${formatCount(only.sent)} ${only.unit} forwarded`;
  return (
    <details className="forward-status" data-testid={FORWARD_STATUS.root}>
      <summary
        className={`forward-summary${troubled > 0 ? " forward-summary-trouble" : ""}`}
        data-testid={FORWARD_STATUS.summary}
      >
        {summary}
        {troubled > 0 && (
          <span className="forward-trouble">
            {" "}
            ·{" "}
            {troubled === forwards.length && troubled === 1
              ? "problems"
              : `${troubled} with problems`}
          </span>
        )}
      </summary>
      <ul className="forward-panel" aria-label="Forward targets">
        {forwards.map((forward) => (
          <li
            key={forward.target}
            className="forward-target"
            data-testid={FORWARD_STATUS.target}
            data-target={forward.target}
          >
            <span className="forward-target-name">{forward.target}</span>
            <dl className="forward-counters">
              <Counter
                label="Sent"
                value={countOf(forward.sent, singular(forward.unit), forward.unit)}
              />
              <Counter
                label="Failed"
                value={formatCount(forward.failed)}
                warn={forward.failed > 0}
              />
              {forward.protocol !== "udp" && (
                <Counter label="Retried requests" value={formatCount(forward.retried)} />
              )}
              <Counter
                label="Dropped"
                value={formatCount(forward.dropped)}
                warn={forward.dropped > 0}
              />
              <Counter
                label="Queued"
                value={`${formatCount(forward.queued)} of ${formatCount(forward.maxQueued)}`}
              />
            </dl>
            {forward.lastError !== null && (
              <p className="forward-error" data-testid={FORWARD_STATUS.error}>
                Last error: {forward.lastError}
              </p>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Counter({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`forward-counter${warn ? " forward-counter-warn" : ""}`} data-counter={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function singular(unit: ForwardStats["unit"]): string {
  return unit === "spans" ? "span" : "datagram";
}

function hasProblems(forward: ForwardStats): boolean {
  return forward.failed > 0 || forward.dropped > 0;
}
