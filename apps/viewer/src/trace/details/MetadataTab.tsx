import type { TraceNode } from "@xray-sandbox/segments";
import { useState } from "react";
import { Explain } from "../../explain/Explain.tsx";
import { CopyButton } from "../../json/CopyButton.tsx";
import { JsonTree } from "../../json/JsonTree.tsx";
import { toJsonText } from "../../json/json-value.ts";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

const OPEN_LEVELS = 2;

/** One collapsible JSON tree per metadata namespace. */
export function MetadataTab({ node }: { node: TraceNode }) {
  const metadata: unknown = node.document.metadata;
  const namespaces =
    typeof metadata === "object" && metadata !== null ? Object.entries(metadata) : [];
  // Remounting the trees with another depth is how "expand all" / "collapse all" reach every node.
  const [depth, setDepth] = useState({ levels: OPEN_LEVELS, generation: 0 });
  const setAll = (levels: number) =>
    setDepth((current) => ({ levels, generation: current.generation + 1 }));

  return (
    <>
      <div className="detail-toolbar">
        Any JSON, by namespace; not indexed, so not searchable.
        <Explain topic="annotations-vs-metadata" />
        <span className="detail-actions">
          <button type="button" onClick={() => setAll(Number.POSITIVE_INFINITY)}>
            Expand all
          </button>
          <button type="button" onClick={() => setAll(0)}>
            Collapse all
          </button>
        </span>
      </div>
      {namespaces.map(([namespace, value]) => (
        <section
          key={namespace}
          className="metadata-namespace"
          data-testid={SEGMENT_DETAILS.metadataTree}
          data-namespace={namespace}
          aria-label={`Metadata namespace ${namespace}`}
        >
          <h3 className="metadata-heading">
            <span className="trace-mono">{namespace}</span>
            <CopyButton
              label={`Copy namespace ${namespace} as JSON`}
              text={() => toJsonText(value)}
            >
              Copy JSON
            </CopyButton>
          </h3>
          <JsonTree key={`${depth.generation}`} value={value} expandDepth={depth.levels} />
        </section>
      ))}
    </>
  );
}
