import type { TraceDetailBody } from "@xray-sandbox/segments";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ProblemsPanel } from "../doctor/ProblemsPanel.tsx";
import { buildRows, type TimelineRow } from "./build-rows.ts";
import { type DetailTab, detailTabOf } from "./details/detail-tabs.ts";
import { indexExceptions } from "./details/exceptions.ts";
import { SegmentDetails } from "./details/SegmentDetails.tsx";
import { FindBar } from "./FindBar.tsx";
import { Minimap } from "./Minimap.tsx";
import { RawTraceJson } from "./RawTraceJson.tsx";
import { RootCauseLine } from "./root-cause/RootCauseLine.tsx";
import { Timeline } from "./Timeline.tsx";
import { TraceHeader } from "./TraceHeader.tsx";
import { TRACE_PAGE } from "./TracePage.markers.ts";
import { TraceStatsTable } from "./TraceStatsTable.tsx";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";
import { analyseTrace } from "./trace-analysis.ts";
import { findIndex, findMatches, stepMatch } from "./trace-find.ts";
import { useAfterPaint } from "./use-after-paint.ts";
import { clampWindow, isFullWindow, type TimeWindow } from "./zoom-window.ts";

export interface TraceViewProps {
  body: TraceDetailBody;
  /** The last refresh failed; what is shown is from the read before. */
  refreshError?: string | undefined;
}

/** The `?node=` search parameter: the node whose details are open. */
export const NODE_PARAM = "node";
/** The `?tab=` search parameter: the details tab shown. */
export const TAB_PARAM = "tab";

type TraceViewTab = "timeline" | "stats" | "json";

const NO_ROWS: readonly TimelineRow[] = [];

const TABS: readonly { readonly view: TraceViewTab; readonly label: string }[] = [
  { view: "timeline", label: "Timeline" },
  { view: "stats", label: "Statistics" },
  { view: "json", label: "Raw JSON" },
];

/** The header, the timeline, and the details of the node named by `?node=`. */
export function TraceView({ body, refreshError }: TraceViewProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [params, setParams] = useSearchParams();
  const openId = params.get(NODE_PARAM) ?? undefined;
  const [selected, setSelected] = useState<string | undefined>(openId);
  const tab = detailTabOf(params.get(TAB_PARAM));
  const treeRef = useRef<HTMLDivElement>(null);
  // The root cause and the trace doctor's findings come once the first rows are painted.
  const painted = useAfterPaint();

  useEffect(() => {
    // The timeline takes the keys from the start, unless the user already focused something.
    if (document.activeElement === document.body) treeRef.current?.focus({ preventScroll: true });
  }, []);

  const analysis = useMemo(() => analyseTrace(body), [body]);
  // The first paint builds only the first rows (a large trace's are most of its cost); every
  // row comes right after it, or at once for a link to a node or a key that moves past them.
  const [allWanted, setAllWanted] = useState(false);
  const allRows = painted || allWanted || openId !== undefined;
  // With nothing collapsed, the rows are the analysis's own.
  const model = useMemo(
    () =>
      collapsed.size > 0 ? buildRows(body, collapsed) : allRows ? analysis.full : analysis.first,
    [analysis, body, collapsed, allRows],
  );
  const everyRow = useCallback(() => {
    setAllWanted(true);
    return analysis.full.rows;
  }, [analysis]);
  const [view, setView] = useState<TraceViewTab>("timeline");
  const [query, setQuery] = useState("");
  const [matchAt, setMatchAt] = useState(-1);
  const [showCritical, setShowCritical] = useState(true);
  const [zoom, setZoom] = useState<TimeWindow | undefined>();
  const searching = query.trim() !== "";
  // Built on the first search, then kept for the trace.
  const searchable = useMemo(
    () => (searching ? findIndex(analysis.full.rows) : undefined),
    [searching, analysis],
  );
  const matches = useMemo(
    () => (searchable ? findMatches(searchable, query) : []),
    [searchable, query],
  );
  const matchIds = useMemo(() => new Set(matches.map((match) => match.id)), [matches]);
  const shownWindow = useMemo(
    () => (zoom ? clampWindow(zoom, model.duration) : { from: 0, to: model.duration }),
    [zoom, model.duration],
  );
  const selectedId = selected ?? model.rows[0]?.id;
  const openNode = openId === undefined ? undefined : model.nodes.get(openId);
  // Only the details read it: worked out when they first open, not with the first rows.
  const detailsOpen = openNode !== undefined;
  const exceptions = useMemo(
    () => (detailsOpen ? indexExceptions(model.nodes) : undefined),
    [detailsOpen, model.nodes],
  );

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

  /** Expands every collapsed row above `id`. */
  const reveal = (id: string) => {
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
  };
  const onQuery = (next: string) => {
    setAllWanted(true);
    setQuery(next);
    setMatchAt(-1);
  };
  const onStep = (direction: 1 | -1) => {
    const next = stepMatch(matches.length, matchAt, direction);
    setMatchAt(next);
    const match = matches[next];
    if (!match) return;
    reveal(match.id);
    onSelect(match.id);
  };

  /** Shows a node from the details (its parent, where an exception is): reveal, select, open. */
  const onSelectNode = (id: string, nextTab?: DetailTab) => {
    reveal(id);
    if (nextTab) setTab(nextTab);
    onOpen(id);
  };

  return (
    <main className="trace-page" data-testid={TRACE_PAGE.root}>
      <TraceHeader summary={body.summary} documents={body.documents} />
      {painted && <RootCauseLine body={body} nodes={model.nodes} />}
      {refreshError !== undefined && (
        <p className="trace-refresh-error" role="status" data-testid={TRACE_PAGE.refreshError}>
          Could not refresh: {refreshError}. Showing what was read before.
        </p>
      )}
      {painted && (
        <ProblemsPanel
          trace={body}
          hasNode={(id) => model.nodes.has(id)}
          onSelectNode={(id) => onSelectNode(id)}
        />
      )}
      <div className="trace-body">
        <div className="trace-main">
          <div className="trace-tabs" role="tablist" aria-label="Trace views">
            {TABS.map((tab) => (
              <button
                key={tab.view}
                type="button"
                role="tab"
                id={`trace-tab-${tab.view}`}
                aria-selected={view === tab.view}
                aria-controls={`trace-panel-${tab.view}`}
                tabIndex={view === tab.view ? 0 : -1}
                data-testid={TRACE_TOOLS.tab}
                data-view={tab.view}
                onClick={() => setView(tab.view)}
                onKeyDown={(event) => {
                  if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
                  event.preventDefault();
                  const at = TABS.findIndex((candidate) => candidate.view === view);
                  const step = event.key === "ArrowRight" ? 1 : -1;
                  const next = TABS[(at + step + TABS.length) % TABS.length];
                  if (!next) return;
                  setView(next.view);
                  document.getElementById(`trace-tab-${next.view}`)?.focus();
                }}
              >
                {tab.label}
              </button>
            ))}
          </div>
          {view === "timeline" && (
            <div
              className="trace-panel"
              role="tabpanel"
              id="trace-panel-timeline"
              aria-labelledby="trace-tab-timeline"
            >
              <div className="trace-tools">
                <FindBar
                  query={query}
                  onQuery={onQuery}
                  count={matches.length}
                  current={matchAt}
                  onStep={onStep}
                />
                <label className="trace-critical-toggle">
                  <input
                    type="checkbox"
                    checked={showCritical}
                    onChange={(event) => setShowCritical(event.target.checked)}
                    data-testid={TRACE_TOOLS.criticalToggle}
                  />{" "}
                  Critical path
                </label>
              </div>
              <Minimap
                rows={allRows ? analysis.full.rows : NO_ROWS}
                duration={model.duration}
                services={analysis.services}
                matches={matchIds}
                window={shownWindow}
                onWindow={(next) => setZoom(isFullWindow(next, model.duration) ? undefined : next)}
                resolution={analysis.resolution}
              />
              <Timeline
                model={model}
                allRows={everyRow}
                selectedId={selectedId}
                onSelect={onSelect}
                onToggle={onToggle}
                onOpen={onOpen}
                onClose={onClose}
                onExpandAll={() => setCollapsed(new Set())}
                onCollapseAll={() => setCollapsed(new Set(model.parentIds))}
                treeRef={treeRef}
                analysis={analysis}
                paths={painted ? analysis.paths() : undefined}
                window={shownWindow}
                matches={matchIds}
                currentMatch={matches[matchAt]?.id}
                showCritical={showCritical}
              />
            </div>
          )}
          {view === "stats" && (
            <div
              className="trace-panel trace-panel-scroll"
              role="tabpanel"
              id="trace-panel-stats"
              aria-labelledby="trace-tab-stats"
            >
              <TraceStatsTable
                stats={analysis.stats()}
                resolution={analysis.resolution}
                services={analysis.services}
              />
            </div>
          )}
          {view === "json" && (
            <div
              className="trace-panel trace-panel-scroll"
              role="tabpanel"
              id="trace-panel-json"
              aria-labelledby="trace-tab-json"
            >
              <RawTraceJson traceId={body.id} documents={body.documents} />
            </div>
          )}
        </div>
        {openId !== undefined && openNode && exceptions && (
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
