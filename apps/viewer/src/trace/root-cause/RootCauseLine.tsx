import type { TraceDetailBody, TraceNode } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { cssString, describeRootCause, rowIdOf } from "./describe-root-cause.ts";
import { ROOT_CAUSE } from "./RootCauseLine.markers.ts";
import "./root-cause-line.css";

export interface RootCauseLineProps {
  body: TraceDetailBody;
  /** The timeline's nodes by row id, to link to the root cause's row and mark it. */
  nodes: ReadonlyMap<string, TraceNode>;
}

/**
 * "Root cause: fault at deserialize in Auth — DeserializeError: …" under the trace header,
 * linking to that node (its details open), and a mark on its row in the timeline. Nothing
 * for a trace with no fault or error.
 */
export function RootCauseLine({ body, nodes }: RootCauseLineProps) {
  const cause = useMemo(() => describeRootCause(body), [body]);
  const [params] = useSearchParams();
  if (cause === undefined) return null;
  const rowId = rowIdOf(nodes, cause.node);
  const name = cause.node.document.name;
  const target = new URLSearchParams(params);
  if (rowId !== undefined) target.set("node", rowId);
  return (
    <>
      <p className="root-cause-line" data-testid={ROOT_CAUSE.line} data-kind={cause.kind}>
        <span className="root-cause-label">Root cause</span>
        <span className={`root-cause-kind kind-${cause.kind}`}>{cause.kind}</span>
        <span>at</span>
        {rowId === undefined ? (
          <strong>{name}</strong>
        ) : (
          <Link
            to={{ search: `?${target}` }}
            replace
            className="root-cause-link"
            data-testid={ROOT_CAUSE.link}
            aria-label={`Show ${name}, where the ${cause.kind} originated`}
          >
            {name}
          </Link>
        )}
        <span>
          in {cause.service}
          {cause.inferred !== undefined && `, calling ${cause.inferred}`}
        </span>
        {cause.exception !== undefined && (
          <span className="root-cause-exception" title={cause.exception}>
            {cause.exception}
          </span>
        )}
        {cause.more > 0 && (
          <span className="root-cause-more">
            and {cause.more} more {cause.kind} root cause{cause.more === 1 ? "" : "s"}
          </span>
        )}
      </p>
      {rowId !== undefined && (
        <style data-testid={ROOT_CAUSE.rowMark}>
          {`.timeline-row[data-id="${cssString(rowId)}"] { box-shadow: inset 3px 0 0 var(--${cause.kind}); }
.timeline-row[data-id="${cssString(rowId)}"] .timeline-name::after { content: "root cause"; flex: none; margin-left: auto; padding: 0 5px; border: 1px solid var(--${cause.kind}); border-radius: 8px; color: var(--${cause.kind}); font-size: 10px; line-height: 14px; }`}
        </style>
      )}
    </>
  );
}
