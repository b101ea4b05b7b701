import { type ProblemCounts, worstSeverity } from "@xray-sandbox/segments";
import { DOCTOR } from "./Doctor.markers.ts";
import "./doctor.css";

const SEVERITY_WORD = { error: "error", warning: "warning", info: "note" } as const;

/**
 * A list row's badge: how many problems the trace doctor found, coloured by the worst and
 * saying it in words too, the codes in its tooltip. Nothing for a trace without problems.
 */
export function ProblemBadge({ counts }: { counts: ProblemCounts | undefined }) {
  if (counts === undefined || counts.total === 0) return null;
  const worst = worstSeverity(counts) ?? "info";
  const word = SEVERITY_WORD[worst];
  const label = `${counts.total} problem${counts.total === 1 ? "" : "s"}, worst: ${word}`;
  return (
    <span
      className={`problem-badge problem-${worst}`}
      data-testid={DOCTOR.badge}
      data-severity={worst}
      title={`${label}\n${counts.codes.join("\n")}`}
    >
      <span aria-hidden="true">
        {worst === "info" ? "i" : "!"} {counts.total}
      </span>
      <span className="problem-sr-only">{label}</span>
    </span>
  );
}
