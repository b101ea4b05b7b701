import {
  type Diagnosis,
  diagnoseTraceDocuments,
  SDK_LABELS,
  type SdkName,
  type TraceProblem,
  type TraceWithDocuments,
} from "@xray-sandbox/segments";
import { useId, useMemo, useState } from "react";
import { DOCTOR } from "./Doctor.markers.ts";
import "./doctor.css";

export interface ProblemsPanelProps {
  /** The trace as `GET /api/traces/:id` returned it: diagnosed again whenever it changes. */
  trace: TraceWithDocuments;
  /** Ids of the nodes the timeline shows: a problem's node is a link when it is one of them. */
  hasNode: (id: string) => boolean;
  /** Reveals, selects and opens a node of the timeline. */
  onSelectNode: (id: string) => void;
}

const SEVERITY_WORD = { error: "Error", warning: "Warning", info: "Note" } as const;

/**
 * What the trace doctor finds in the trace: each problem in plain words, linked to its node,
 * with the fix for the SDK that sent it (others on request) and a "?" for why X-Ray behaves so.
 */
export function ProblemsPanel({ trace, hasNode, onSelectNode }: ProblemsPanelProps) {
  const state = useMemo(() => diagnosed(trace), [trace]);
  const headingId = useId();
  if (state.status === "error") {
    return (
      <section className="problems-panel" data-testid={DOCTOR.error} aria-labelledby={headingId}>
        <h2 id={headingId} className="problems-heading">
          Problems
        </h2>
        <p className="problems-muted">
          Could not read the trace doctor's findings: {state.message}
        </p>
      </section>
    );
  }
  const { problems, leftOut, counts } = state.diagnosis;
  if (problems.length === 0) {
    return (
      <section
        className="problems-panel problems-none"
        data-testid={DOCTOR.empty}
        aria-labelledby={headingId}
      >
        <h2 id={headingId} className="problems-heading">
          No problems found
        </h2>
        <p className="problems-muted">
          The trace doctor checked ids, times, annotations, metadata, HTTP, SQL and causes: nothing
          here would be dropped, rewritten or misread by X-Ray.
        </p>
      </section>
    );
  }
  return (
    <details className="problems-panel" data-testid={DOCTOR.panel} open>
      <summary className="problems-heading">
        <h2 id={headingId}>
          Problems ({counts.total}
          {counts.error > 0 ? `, ${counts.error} error${counts.error === 1 ? "" : "s"}` : ""})
        </h2>
      </summary>
      <ul className="problems-list" aria-labelledby={headingId}>
        {problems.map((problem, index) => (
          <ProblemItem
            key={index}
            problem={problem}
            hasNode={hasNode}
            onSelectNode={onSelectNode}
          />
        ))}
      </ul>
      {leftOut > 0 && <p className="problems-muted">{leftOut} more not listed.</p>}
    </details>
  );
}

function ProblemItem({
  problem,
  hasNode,
  onSelectNode,
}: {
  problem: TraceProblem;
  hasNode: (id: string) => boolean;
  onSelectNode: (id: string) => void;
}) {
  const [whyOpen, setWhyOpen] = useState(false);
  const whyId = useId();
  const fixes = Object.entries(problem.fix) as [SdkName, string][];
  const [first, ...others] = fixes;
  const nodeId = problem.nodeId;
  return (
    <li
      className={`problem-item problem-${problem.severity}`}
      data-testid={DOCTOR.problem}
      data-code={problem.code}
      data-severity={problem.severity}
      data-node-id={nodeId}
    >
      <div className="problem-head">
        <span className={`problem-severity problem-${problem.severity}`}>
          {SEVERITY_WORD[problem.severity]}
        </span>
        <strong className="problem-title">{problem.title}</strong>
        <code className="problem-code">{problem.code}</code>
        <button
          type="button"
          className="problem-why-button"
          data-testid={DOCTOR.whyButton}
          aria-expanded={whyOpen}
          aria-controls={whyId}
          aria-label={`Why X-Ray behaves this way: ${problem.title}`}
          onClick={() => setWhyOpen((open) => !open)}
        >
          ?
        </button>
      </div>
      <p className="problem-message">{problem.message}</p>
      {nodeId !== undefined && hasNode(nodeId) && (
        <button
          type="button"
          className="problem-show-node"
          data-testid={DOCTOR.showNode}
          onClick={() => onSelectNode(nodeId)}
        >
          Show {problem.nodeName === undefined ? "the node" : `“${problem.nodeName}”`} in the
          timeline
        </button>
      )}
      <p id={whyId} className="problem-why" data-testid={DOCTOR.why} hidden={!whyOpen}>
        <strong>Why: </strong>
        <FixText text={problem.why} />
      </p>
      {first !== undefined && (
        <p className="problem-fix" data-testid={DOCTOR.fix} data-sdk={first[0]}>
          <strong>
            Fix{problem.sdk === first[0] ? " for the SDK that sent it" : ""} ({SDK_LABELS[first[0]]}
            ):{" "}
          </strong>
          <FixText text={first[1]} />
        </p>
      )}
      {others.length > 0 && (
        <details className="problem-other-fixes">
          <summary>Fix in other SDKs</summary>
          <dl>
            {others.map(([sdk, text]) => (
              <div key={sdk}>
                <dt>{SDK_LABELS[sdk]}</dt>
                <dd>
                  <FixText text={text} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </li>
  );
}

/** A fix's text with its `code` spans shown as code. */
function FixText({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>{parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>
  );
}

type DiagnosisState =
  | { readonly status: "ready"; readonly diagnosis: Diagnosis }
  | { readonly status: "error"; readonly message: string };

/**
 * Each trace body's diagnosis, once: a render that was set aside before it showed (React
 * starts a transition again after a key or a click) does not run the checks a second time.
 */
const diagnoses = new WeakMap<TraceWithDocuments, DiagnosisState>();

/** The same detectors as `GET /api/traces/:id/problems`, on the documents the page holds. */
function diagnosed(trace: TraceWithDocuments): DiagnosisState {
  const known = diagnoses.get(trace);
  if (known) return known;
  const state = diagnose(trace);
  diagnoses.set(trace, state);
  return state;
}

function diagnose(trace: TraceWithDocuments): DiagnosisState {
  try {
    return { status: "ready", diagnosis: diagnoseTraceDocuments(trace, { now: Date.now() }) };
  } catch (error) {
    return { status: "error", message: error instanceof Error ? error.message : String(error) };
  }
}
