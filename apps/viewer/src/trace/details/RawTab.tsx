import type { DocumentBody, TraceNode } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { formatBytes } from "../../format/bytes.ts";
import { formatDateTime } from "../../format/time.ts";
import { CopyButton } from "../../json/CopyButton.tsx";
import { toJsonText } from "../../json/json-value.ts";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

export interface RawTabProps {
  node: TraceNode;
  documents: readonly DocumentBody[];
}

/**
 * The node's document as JSON (its subsegments are their own rows, so they are left out), and
 * every datagram that carried this node as its top-level document, exactly as received.
 */
export function RawTab({ node, documents }: RawTabProps) {
  const json = useMemo(() => toJsonText(node.document), [node.document]);
  const received = useMemo(
    () => receivedAs(node.document.id, documents),
    [node.document.id, documents],
  );
  return (
    <>
      <h3 className="detail-heading">
        Document
        <CopyButton label="Copy the document as JSON" text={json} />
      </h3>
      <pre className="detail-code" data-testid={SEGMENT_DETAILS.rawJson}>
        {json}
      </pre>
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
