import type { EpochSeconds, Seconds, TraceNode } from "@xray-sandbox/segments";
import { Explain } from "../../explain/Explain.tsx";
import { formatDuration } from "../../format/duration.ts";
import { shownDuration, shownTime } from "../../format/sent-time.ts";
import { Warned } from "../../format/Warned.tsx";
import { namespaceOf, statusOf } from "../build-rows.ts";
import { type Field, FieldList, field, textOf } from "./FieldList.tsx";
import { objectOf } from "./json-object.ts";

export interface OverviewTabProps {
  node: TraceNode;
  traceId: string;
  traceStart: EpochSeconds;
  /** Every node of the trace by id, to name and reach the parent. */
  nodes: ReadonlyMap<string, TraceNode>;
  onSelectNode: (id: string) => void;
}

export function OverviewTab({ node, traceId, traceStart, nodes, onSelectNode }: OverviewTabProps) {
  const document = node.document;
  const start = finite(document.start_time);
  const end = finite(document.end_time);
  const inProgress = document.in_progress === true || end === undefined;
  const parentId = typeof node.parentId === "string" ? node.parentId : undefined;
  const parent = parentId === undefined ? undefined : nodes.get(parentId);
  const segment = nodes.get(node.segmentId);
  const status = statusOf(document);
  const flags = (["fault", "throttle", "error"] as const).filter((flag) => document[flag] === true);
  const namespace = namespaceOf(document);
  const http = document.http;

  const fields: Array<Field | undefined | false> = [
    field("Name", document.name),
    {
      label: "Kind",
      value: (
        <>
          {node.kind === "segment" ? "Segment" : "Subsegment"}
          <Explain topic="segment-vs-subsegment" />
          {node.independent && (
            <>
              {" "}
              · streamed on its own
              <Explain topic="streamed-subsegment" />
            </>
          )}
        </>
      ),
    },
    field("ID", document.id, true),
    parentId !== undefined && {
      label: node.kind === "segment" ? "Parent (caller)" : "Parent",
      mono: true,
      value: parent ? (
        <button type="button" className="trace-link-button" onClick={() => onSelectNode(parentId)}>
          {parentId} ({textOf(parent.document.name) ?? "unnamed"})
        </button>
      ) : (
        <>
          {parentId} <span className="trace-muted">(not in this trace)</span>
        </>
      ),
    },
    field("Trace ID", traceId, true),
    node.kind === "subsegment" &&
      segment !== undefined &&
      segment !== node && {
        label: "Segment (service)",
        value: (
          <button
            type="button"
            className="trace-link-button"
            onClick={() => onSelectNode(node.segmentId)}
          >
            {textOf(segment.document.name) ?? node.segmentId}
          </button>
        ),
      },
    {
      label: "Start",
      value: start === undefined ? "unknown" : <TimeValue time={start} traceStart={traceStart} />,
    },
    {
      label: "End",
      value: inProgress ? (
        <span className="trace-badge trace-badge-progress">
          in progress
          <Explain topic="in-progress" />
        </span>
      ) : (
        <TimeValue time={end} traceStart={traceStart} />
      ),
    },
    {
      label: "Duration",
      value:
        inProgress || start === undefined || end === undefined ? (
          "–"
        ) : (
          <Warned shown={shownDuration(start, end)} />
        ),
    },
    {
      label: "Status",
      value: (
        <>
          {flags.length === 0 ? (
            <span className="trace-badge status-ok">OK</span>
          ) : (
            flags.map((flag) => (
              <span key={flag} className={`trace-badge status-${flag}`}>
                {flag}
              </span>
            ))
          )}
          {status !== "ok" && <Explain topic="error-fault-throttle" />}
        </>
      ),
    },
    typeof http === "object" &&
      http !== null && {
        label: "HTTP",
        mono: true,
        value: [
          textOf(http.request?.method),
          textOf(http.request?.url),
          textOf(http.response?.status),
        ]
          .filter((part) => part !== undefined)
          .join(" "),
      },
    field("Origin", document.origin),
    field("User", document.user),
    namespace !== undefined && field("Namespace", document.namespace ?? namespace),
    field("Resource ARN", document.resource_arn, true),
    field("Service version", objectOf(document.service).version),
    Array.isArray(document.precursor_ids) &&
      field("Precursor IDs", document.precursor_ids.join(", "), true),
  ];

  return <FieldList fields={fields} />;
}

/** A time as sent: its date and how far into the trace, or the number with a warning. */
function TimeValue({ time, traceStart }: { time: number | undefined; traceStart: EpochSeconds }) {
  if (time === undefined) return <>unknown</>;
  const shown = shownTime(time);
  if (shown.warning !== undefined) return <Warned shown={shown} />;
  const offset = time - traceStart;
  return (
    <>
      {shown.text}{" "}
      <span className="trace-muted">
        {time === traceStart
          ? "(trace start)"
          : offset < 0
            ? `(${formatDuration(-offset as Seconds)} before the trace start)`
            : `(+${formatDuration(offset as Seconds)})`}
      </span>
    </>
  );
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
