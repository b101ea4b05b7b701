import type { TraceDetailBody, TraceNode } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { describeRootCause, rowIdOf } from "./describe-root-cause.ts";
import { ROOT_CAUSE } from "./RootCauseLine.markers.ts";
import { useRowMark } from "./use-row-mark.ts";
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
  const rowId = cause === undefined ? undefined : rowIdOf(nodes, cause.node);
  useRowMark(rowId, cause?.kind ?? "fault");
  if (cause === undefined) return null;
  const name = cause.node.document.name;
  const target = new URLSearchParams(params);
  if (rowId !== undefined) target.set("node", rowId);
  return (
    <p
      className="root-cause-line"
      data-testid={ROOT_CAUSE.line}
      data-kind={cause.kind}
      data-row-id={rowId}
    >
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
  );
}
