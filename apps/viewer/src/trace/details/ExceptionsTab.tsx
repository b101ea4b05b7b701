import type { TraceNode } from "@xray-sandbox/segments";
import { causeOf, type ExceptionLocation, type ExceptionView } from "./exceptions.ts";
import { textOf } from "./FieldList.tsx";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

export interface ExceptionsTabProps {
  node: TraceNode;
  nodeId: string;
  exceptions: ReadonlyMap<string, ExceptionLocation>;
  onSelectNode: (id: string) => void;
}

/** The node's `cause`: its exceptions with stack frames, or the exception it points to. */
export function ExceptionsTab({ node, nodeId, exceptions, onSelectNode }: ExceptionsTabProps) {
  const cause = causeOf(node.document);
  if (cause.kind === "none") return <p className="detail-note">No exception recorded here.</p>;
  if (cause.kind === "reference") {
    const found = exceptions.get(cause.id);
    return (
      <>
        <p className="detail-note">
          The cause is exception <span className="trace-mono">{cause.id}</span>, recorded on another
          node.
        </p>
        {found ? (
          <ExceptionCard
            exception={found.exception}
            location={found}
            here={nodeId}
            exceptions={exceptions}
            onSelectNode={onSelectNode}
          />
        ) : (
          <p className="detail-note trace-muted">No node of this trace records it (yet).</p>
        )}
      </>
    );
  }
  return (
    <>
      {(cause.workingDirectory !== undefined || cause.paths.length > 0) && (
        <p className="detail-note">
          {cause.workingDirectory !== undefined && (
            <>
              Working directory <span className="trace-mono">{cause.workingDirectory}</span>
            </>
          )}
          {cause.paths.length > 0 && <> · {cause.paths.length} source paths</>}
        </p>
      )}
      {cause.exceptions.length === 0 && (
        <p className="detail-note">The cause lists no exceptions.</p>
      )}
      {cause.exceptions.map((exception, index) => (
        <ExceptionCard
          key={exception.id ?? index}
          exception={exception}
          location={undefined}
          here={nodeId}
          exceptions={exceptions}
          onSelectNode={onSelectNode}
        />
      ))}
    </>
  );
}

interface CardProps {
  exception: ExceptionView;
  /** Set when the exception is recorded on another node than the one shown. */
  location: ExceptionLocation | undefined;
  here: string;
  exceptions: ReadonlyMap<string, ExceptionLocation>;
  onSelectNode: (id: string) => void;
}

function ExceptionCard({ exception, location, here, exceptions, onSelectNode }: CardProps) {
  const causedBy = exception.cause === undefined ? undefined : exceptions.get(exception.cause);
  return (
    <article
      className="trace-exception"
      data-testid={SEGMENT_DETAILS.exception}
      data-exception-id={exception.id}
    >
      <header className="trace-exception-head">
        <strong className="trace-exception-type">{exception.type ?? "Exception"}</strong>
        {exception.remote && <span className="trace-badge">remote</span>}
        {exception.id !== undefined && (
          <span className="trace-mono trace-muted">{exception.id}</span>
        )}
      </header>
      <p className="trace-exception-message">
        {exception.message ?? <span className="trace-muted">(no message)</span>}
      </p>
      {location && location.nodeId !== here && (
        <p className="detail-note">
          Recorded on{" "}
          <button
            type="button"
            className="trace-link-button"
            onClick={() => onSelectNode(location.nodeId)}
          >
            {textOf(location.node.document.name) ?? location.nodeId}
          </button>
        </p>
      )}
      {exception.cause !== undefined && (
        <p className="detail-note">
          Caused by <span className="trace-mono">{exception.cause}</span>
          {causedBy ? (
            <>
              {": "}
              {causedBy.exception.type ?? "Exception"}
              {causedBy.exception.message !== undefined && `: ${causedBy.exception.message}`}
              {causedBy.nodeId !== here && (
                <>
                  {" on "}
                  <button
                    type="button"
                    className="trace-link-button"
                    onClick={() => onSelectNode(causedBy.nodeId)}
                  >
                    {textOf(causedBy.node.document.name) ?? causedBy.nodeId}
                  </button>
                </>
              )}
            </>
          ) : (
            <span className="trace-muted"> (not in this trace)</span>
          )}
        </p>
      )}
      {exception.stack.length > 0 && (
        <ol className="trace-stack">
          {exception.stack.map((frame, index) => (
            <li key={index}>
              <span className="trace-stack-label">{frame.label ?? "(anonymous)"}</span>{" "}
              <span className="trace-mono trace-muted">
                {frame.path ?? "?"}
                {frame.line !== undefined && `:${frame.line}`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {(exception.truncated !== undefined || exception.skipped !== undefined) && (
        <p className="detail-note trace-muted">
          {exception.truncated !== undefined && `${exception.truncated} frames truncated. `}
          {exception.skipped !== undefined && `${exception.skipped} exceptions skipped.`}
        </p>
      )}
    </article>
  );
}
