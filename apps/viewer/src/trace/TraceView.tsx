import type { TraceDetailBody } from "@xray-sandbox/segments";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ProblemsPanel } from "../doctor/ProblemsPanel.tsx";
import { buildRows } from "./build-rows.ts";
import { type DetailTab, detailTabOf } from "./details/detail-tabs.ts";
import { indexExceptions } from "./details/exceptions.ts";
import { SegmentDetails } from "./details/SegmentDetails.tsx";
import { Timeline } from "./Timeline.tsx";
import { TraceHeader } from "./TraceHeader.tsx";
import { TRACE_PAGE } from "./TracePage.markers.ts";

export interface TraceViewProps {
  body: TraceDetailBody;
  /** The last refresh failed; what is shown is from the read before. */
  refreshError?: string | undefined;
}

/** The `?node=` search parameter: the node whose details are open. */
export const NODE_PARAM = "node";
/** The `?tab=` search parameter: the details tab shown. */
export const TAB_PARAM = "tab";

/** The header, the timeline, and the details of the node named by `?node=`. */
export function TraceView({ body, refreshError }: TraceViewProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [params, setParams] = useSearchParams();
  const openId = params.get(NODE_PARAM) ?? undefined;
  const [selected, setSelected] = useState<string | undefined>(openId);
  const tab = detailTabOf(params.get(TAB_PARAM));
  const treeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The timeline takes the keys from the start, unless the user already focused something.
    if (document.activeElement === document.body) treeRef.current?.focus({ preventScroll: true });
  }, []);

  const model = useMemo(() => buildRows(body, collapsed), [body, collapsed]);
  const exceptions = useMemo(() => indexExceptions(model.nodes), [model.nodes]);
  const selectedId = selected ?? model.rows[0]?.id;
  const openNode = openId === undefined ? undefined : model.nodes.get(openId);

  const setParam = useCallback(
    (name: string, value: string | undefined) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === undefined) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const setOpen = useCallback((id: string | undefined) => setParam(NODE_PARAM, id), [setParam]);
  const setTab = useCallback(
    (next: DetailTab) => setParam(TAB_PARAM, next === "overview" ? undefined : next),
    [setParam],
  );

  const onSelect = useCallback(
    (id: string) => {
      setSelected(id);
      if (openId !== undefined && openId !== id) setOpen(id);
    },
    [openId, setOpen],
  );
  const onOpen = useCallback(
    (id: string) => {
      setSelected(id);
      setOpen(id);
    },
    [setOpen],
  );
  const navigate = useNavigate();
  /** Escape closes the details; with none open, it goes back to the list it came from. */
  const onClose = useCallback(() => {
    if (openId === undefined) {
      if (cameFromThisApp()) navigate(-1);
      else navigate("/");
      return;
    }
    setOpen(undefined);
    treeRef.current?.focus();
  }, [openId, setOpen, navigate]);
  const onToggle = useCallback((id: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  /** Shows a node from the details (its parent, where an exception is): reveal, select, open. */
  const onSelectNode = (id: string, nextTab?: DetailTab) => {
    const ancestors: string[] = [];
    for (let at = model.parentOf.get(id); at !== undefined; at = model.parentOf.get(at)) {
      if (ancestors.length > model.nodeCount) break;
      ancestors.push(at);
    }
    if (ancestors.some((ancestor) => collapsed.has(ancestor))) {
      setCollapsed((current) => {
        const next = new Set(current);
        for (const ancestor of ancestors) next.delete(ancestor);
        return next;
      });
    }
    if (nextTab) setTab(nextTab);
    onOpen(id);
  };

  return (
    <main className="trace-page" data-testid={TRACE_PAGE.root}>
      <TraceHeader summary={body.summary} documents={body.documents} />
      {refreshError !== undefined && (
        <p className="trace-refresh-error" role="status" data-testid={TRACE_PAGE.refreshError}>
          Could not refresh: {refreshError}. Showing what was read before.
        </p>
      )}
      <ProblemsPanel
        trace={body}
        hasNode={(id) => model.nodes.has(id)}
        onSelectNode={(id) => onSelectNode(id)}
      />
      <div className="trace-body">
        <Timeline
          model={model}
          selectedId={selectedId}
          onSelect={onSelect}
          onToggle={onToggle}
          onOpen={onOpen}
          onClose={onClose}
          onExpandAll={() => setCollapsed(new Set())}
          onCollapseAll={() => setCollapsed(new Set(model.parentIds))}
          treeRef={treeRef}
        />
        {openId !== undefined && openNode && (
          <SegmentDetails
            node={openNode}
            nodeId={openId}
            traceId={body.id}
            traceStart={model.start}
            nodes={model.nodes}
            exceptions={exceptions}
            documents={body.documents}
            tab={tab}
            onTabChange={setTab}
            onSelectNode={onSelectNode}
            onClose={onClose}
          />
        )}
      </div>
    </main>
  );
}

/** React Router numbers its history entries: above 0, the previous one is a page of ours. */
function cameFromThisApp(): boolean {
  const state: unknown = window.history.state;
  return (
    typeof state === "object" &&
    state !== null &&
    "idx" in state &&
    typeof state.idx === "number" &&
    state.idx > 0
  );
}
