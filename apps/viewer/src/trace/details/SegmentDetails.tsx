import type { DocumentBody, EpochSeconds, TraceNode } from "@xray-sandbox/segments";
import { type KeyboardEvent, useId, useMemo, useRef } from "react";
import { Explain } from "../../explain/Explain.tsx";
import { AnnotationsTab } from "./AnnotationsTab.tsx";
import { AwsTab } from "./AwsTab.tsx";
import { type DetailTab, type DetailTabInfo, detailTabs } from "./detail-tabs.ts";
import { ExceptionsTab } from "./ExceptionsTab.tsx";
import type { ExceptionLocation } from "./exceptions.ts";
import { textOf } from "./FieldList.tsx";
import { HttpTab } from "./HttpTab.tsx";
import { MetadataTab } from "./MetadataTab.tsx";
import { OverviewTab } from "./OverviewTab.tsx";
import { RawTab } from "./RawTab.tsx";
import { DETAIL_TAB_IDS, SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";
import { SqlTab } from "./SqlTab.tsx";
import "./details.css";

export interface SegmentDetailsProps {
  node: TraceNode;
  nodeId: string;
  traceId: string;
  traceStart: EpochSeconds;
  nodes: ReadonlyMap<string, TraceNode>;
  exceptions: ReadonlyMap<string, ExceptionLocation>;
  documents: readonly DocumentBody[];
  /** The tab the user last chose; Overview is shown instead when this node has nothing for it. */
  tab: DetailTab;
  onTabChange: (tab: DetailTab) => void;
  onSelectNode: (id: string, tab?: DetailTab) => void;
  onClose: () => void;
}

/**
 * Everything one segment or subsegment holds, in tabs. Tabs with nothing to show for this node
 * stay in place, disabled, so the tab row does not jump from node to node. Every value is
 * rendered as text.
 */
export function SegmentDetails(props: SegmentDetailsProps) {
  const { node, nodeId, tab, onTabChange, onSelectNode, onClose } = props;
  const tabs = useMemo(() => detailTabs(node.document), [node.document]);
  const active = tabs.find((info) => info.id === tab && info.enabled) ? tab : "overview";
  const baseId = useId();
  const tabRefs = useRef(new Map<DetailTab, HTMLButtonElement>());

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = tabs.filter((info) => info.enabled);
    const at = enabled.findIndex((info) => info.id === active);
    let next: DetailTabInfo | undefined;
    if (event.key === "ArrowRight") next = enabled[(at + 1) % enabled.length];
    else if (event.key === "ArrowLeft") next = enabled[(at - 1 + enabled.length) % enabled.length];
    else if (event.key === "Home") next = enabled[0];
    else if (event.key === "End") next = enabled.at(-1);
    if (!next) return;
    event.preventDefault();
    onTabChange(next.id);
    tabRefs.current.get(next.id)?.focus();
  };

  const name = textOf(node.document.name) ?? "(unnamed)";
  return (
    <aside
      className="segment-details"
      data-testid={SEGMENT_DETAILS.panel}
      aria-labelledby={`${baseId}-title`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <header className="details-head">
        <div className="details-title-block">
          <span className="details-kind">
            {node.kind === "segment" ? "Segment" : "Subsegment"}
            <Explain topic="segment-vs-subsegment" />
          </span>
          <h2
            id={`${baseId}-title`}
            className="details-title"
            data-testid={SEGMENT_DETAILS.title}
            title={name}
          >
            {name}
          </h2>
        </div>
        <button
          type="button"
          className="details-close"
          data-testid={SEGMENT_DETAILS.close}
          aria-label="Close details (Escape)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="details-tabs" role="tablist" aria-label="Details" onKeyDown={onTabKeyDown}>
        {tabs.map((info) => (
          <button
            key={info.id}
            ref={(element) => {
              if (element) tabRefs.current.set(info.id, element);
              else tabRefs.current.delete(info.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${info.id}`}
            aria-controls={`${baseId}-panel`}
            aria-selected={info.id === active}
            aria-disabled={!info.enabled}
            tabIndex={info.id === active ? 0 : -1}
            className="details-tab"
            data-testid={DETAIL_TAB_IDS[info.id]}
            title={info.enabled ? undefined : `Nothing under ${info.label} for this node`}
            onClick={() => {
              if (info.enabled) onTabChange(info.id);
            }}
          >
            {info.label}
            {info.enabled && info.count !== undefined && info.count > 0 && (
              <span className="details-count">{info.count}</span>
            )}
          </button>
        ))}
      </div>
      <div
        className="details-panel"
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${active}`}
        data-testid={SEGMENT_DETAILS.tabpanel}
        data-tab={active}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable panel must be reachable by keyboard
        tabIndex={0}
      >
        <TabContent {...props} active={active} nodeId={nodeId} onSelectNode={onSelectNode} />
      </div>
    </aside>
  );
}

function TabContent({
  active,
  node,
  nodeId,
  traceId,
  traceStart,
  nodes,
  exceptions,
  documents,
  onSelectNode,
}: SegmentDetailsProps & { active: DetailTab }) {
  switch (active) {
    case "overview":
      return (
        <OverviewTab
          node={node}
          traceId={traceId}
          traceStart={traceStart}
          nodes={nodes}
          onSelectNode={(id) => onSelectNode(id)}
        />
      );
    case "annotations":
      return <AnnotationsTab node={node} />;
    case "metadata":
      return <MetadataTab key={nodeId} node={node} />;
    case "exceptions":
      return (
        <ExceptionsTab
          node={node}
          nodeId={nodeId}
          exceptions={exceptions}
          onSelectNode={(id) => onSelectNode(id, "exceptions")}
        />
      );
    case "http":
      return <HttpTab node={node} />;
    case "sql":
      return <SqlTab node={node} />;
    case "aws":
      return <AwsTab node={node} />;
    case "raw":
      return <RawTab node={node} nodes={nodes} documents={documents} />;
  }
}
