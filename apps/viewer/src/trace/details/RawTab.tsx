import type { DocumentBody, TraceNode } from "@xray-sandbox/segments";
import { sourceSpanOf } from "@xray-sandbox/segments";
import { useId, useMemo } from "react";
import { Explain } from "../../explain/Explain.tsx";
import { formatBytes } from "../../format/bytes.ts";
import { formatDateTime } from "../../format/time.ts";
import { CopyButton } from "../../json/CopyButton.tsx";
import { JsonTree } from "../../json/JsonTree.tsx";
import { toJsonText } from "../../json/json-value.ts";
import {
  carryingDocument,
  describeTransport,
  originSentence,
} from "../../origin/document-origins.ts";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

export interface RawTabProps {
  node: TraceNode;
  /** Every node of the trace by id: an embedded subsegment's origin is its segment's. */
  nodes: ReadonlyMap<string, TraceNode>;
  documents: readonly DocumentBody[];
}

/**
 * The node's document as JSON (its subsegments are their own rows, so they are left out), where
 * it came from, and every datagram that carried this node as its top-level document, exactly as
 * received. A document translated from an OpenTelemetry span shows that span beside it.
 */
export function RawTab({ node, nodes, documents }: RawTabProps) {
  const json = useMemo(() => toJsonText(node.document), [node.document]);
  const received = useMemo(
    () => receivedAs(node.document.id, documents),
    [node.document.id, documents],
  );
  const carrier = useMemo(() => carryingDocument(node, nodes, documents), [node, nodes, documents]);
  // Only the node's own document was made from a span; an embedded subsegment was not.
  const span = carrier?.own === true ? sourceSpanOf(carrier.document.origin) : undefined;
  const baseId = useId();
  const documentBlock = (
    <section className="raw-part" aria-labelledby={`${baseId}-document`}>
      <h3 className="detail-heading" id={`${baseId}-document`}>
        {span ? "X-Ray document" : "Document"}
        <CopyButton label="Copy the document as JSON" text={json} />
      </h3>
      <pre className="detail-code" data-testid={SEGMENT_DETAILS.rawJson}>
        {json}
      </pre>
    </section>
  );
  return (
    <>
      {carrier !== undefined && (
        <p className="detail-note raw-origin" data-testid={SEGMENT_DETAILS.rawOrigin}>
          {span
            ? `Translated from an OpenTelemetry span sent over ${describeTransport(span)}.`
            : originSentence(carrier.document.origin)}
        </p>
      )}
      {span ? (
        <div className="raw-compare-frame">
          <div className="raw-compare">
            {documentBlock}
            <section
              className="raw-part"
              aria-labelledby={`${baseId}-span`}
              data-testid={SEGMENT_DETAILS.sourceSpan}
            >
              <h3 className="detail-heading" id={`${baseId}-span`}>
                Source span
                <Explain
                  topic="otel-translation"
                  label="Explain: how this span became the X-Ray document"
                />
                <CopyButton
                  label="Copy the source span as JSON"
                  text={() => toJsonText(span)}
                  testId={SEGMENT_DETAILS.copySourceSpan}
                />
              </h3>
              <div className="detail-code raw-span">
                <JsonTree value={span} expandDepth={2} testId={SEGMENT_DETAILS.sourceSpanTree} />
              </div>
            </section>
          </div>
        </div>
      ) : (
        documentBlock
      )}
      {received.length > 0 && (
        <>
          <h3 className="detail-heading">As received</h3>
          <p className="detail-note">
            {received.length === 1
              ? "This node arrived as its own document:"
              : `This node arrived ${received.length} times (an in-progress copy is replaced by the complete one):`}
          </p>
          {received.map((document) => (
            <details key={`${document.receivedAt}-${document.bytes}`} className="raw-received">
              <summary>
                {formatDateTime(document.receivedAt)} · {formatBytes(document.bytes)}
                <CopyButton label="Copy the document as received" text={document.raw} />
              </summary>
              <pre className="detail-code">{document.raw}</pre>
            </details>
          ))}
        </>
      )}
    </>
  );
}

/** The stored documents whose top-level id is `id`. */
function receivedAs(id: unknown, documents: readonly DocumentBody[]): DocumentBody[] {
  if (typeof id !== "string") return [];
  const needle = JSON.stringify(id);
  return documents.filter((document) => {
    if (!document.raw.includes(needle)) return false;
    try {
      const parsed: unknown = JSON.parse(document.raw);
      return typeof parsed === "object" && parsed !== null && "id" in parsed && parsed.id === id;
    } catch {
      return false;
    }
  });
}
