import { useVirtualizer } from "@tanstack/react-virtual";
import type { Seconds } from "@xray-sandbox/segments";
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { Explain } from "../explain/Explain.tsx";
import { countOf } from "../format/count.ts";
import { BarTooltip } from "./BarTooltip.tsx";
import type { TimelineModel, TimelineRow } from "./build-rows.ts";
import { ServiceLegend } from "./ServiceLegend.tsx";
import { TIMELINE } from "./Timeline.markers.ts";
import { type RowMark, TimelineRowView } from "./TimelineRowView.tsx";
import { axisTicks } from "./time-axis.ts";
import type { TraceAnalysis, TracePaths } from "./trace-analysis.ts";
import type { TimeWindow } from "./zoom-window.ts";
import "./timeline.css";

export interface TimelineProps {
  model: TimelineModel;
  /**
   * Every row, when `model` has only its first ones built (`rows.length < rowCount`): a key
   * that moves the selection asks for them, and the caller then shows them all.
   */
  allRows?: (() => readonly TimelineRow[]) | undefined;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  /** Enter on a row, or a click: show its details. */
  onOpen: (id: string) => void;
  /** Escape: hide the details (the page goes back to the list when none are open). */
  onClose: () => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
  /** The focusable list, for a caller that gives focus back to it. */
  treeRef?: RefObject<HTMLDivElement | null>;
  /** Service colours and the clock's resolution; without it, bars are coloured by status. */
  analysis?: TraceAnalysis | undefined;
  /** Self time and the critical path; the rows show neither until they are given. */
  paths?: TracePaths | undefined;
  /** The part of the trace's time shown (seconds from its start); the whole trace if absent. */
  window?: TimeWindow | undefined;
  /** Rows that match the find box, and the one stepped to. */
  matches?: ReadonlySet<string> | undefined;
  currentMatch?: string | undefined;
  /** Mark the rows on the critical path. */
  showCritical?: boolean | undefined;
}

const NO_MATCHES: ReadonlySet<string> = new Set();

const ROW_HEIGHT = 28;
const SECTION_HEADER_HEIGHT = 34;
const PAGE_ROWS = 10;

/**
 * The waterfall: one row per visible node, bars to scale on a shared time axis. Only the
 * rows in view are in the DOM. The list is one focusable tree: ↑/↓ move, → expands or goes
 * to the first child, ← collapses or goes to the parent, Enter shows details, Escape hides them.
 */
export function Timeline({
  model,
  allRows,
  selectedId,
  onSelect,
  onToggle,
  onOpen,
  onClose,
  onExpandAll,
  onCollapseAll,
  treeRef,
  analysis,
  paths,
  window: shownWindow,
  matches = NO_MATCHES,
  currentMatch,
  showCritical = true,
}: TimelineProps) {
  const { rows } = model;
  const ownRef = useRef<HTMLDivElement>(null);
  const scrollRef = treeRef ?? ownRef;
  const baseId = useId();
  const span = shownWindow ?? { from: 0, to: model.duration };
  const ticks = useMemo(
    () => axisTicks((span.to - span.from) as Seconds, 6, span.from),
    [span.from, span.to],
  );
  const [hovered, setHovered] = useState<string | undefined>();
  /** The keyboard moved the selection: show the selected row's tooltip until focus leaves. */
  const [keyTip, setKeyTip] = useState(false);
  const indexOf = useMemo(() => rowIndex(rows), [rows]);
  const selectedIndex = selectedId === undefined ? -1 : indexOf(selectedId);

  // Rows not built yet (only the first ones are, at first) have nothing collapsed above them,
  // so the orphans' section starts at a known place: the list is its full height from the start.
  const firstOrphan =
    rows.length < model.rowCount && model.orphanCount > 0 ? model.rowCount - model.orphanCount : -1;
  const estimateSize = useCallback(
    (index: number) => {
      const row = rows[index];
      const sectionStart = row
        ? row.section === "orphans" && row.sectionStart
        : index === firstOrphan;
      return sectionStart ? ROW_HEIGHT + SECTION_HEADER_HEIGHT : ROW_HEIGHT;
    },
    [rows, firstOrphan],
  );
  const virtualizer = useVirtualizer({
    count: model.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 12,
  });

  // The row the list was last scrolled to: it starts at the top, where the first row is, so
  // the first row selected at the start needs no scrolling (nor the layout it would force).
  const scrolledTo = useRef(0);
  useEffect(() => {
    if (selectedIndex < 0 || selectedIndex === scrolledTo.current) return;
    scrolledTo.current = selectedIndex;
    virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = rows.length < model.rowCount && allRows ? allRows() : rows;
    const selectAt = (index: number) => {
      const row = list[Math.max(0, Math.min(list.length - 1, index))];
      if (row) onSelect(row.id);
    };
    const selected = list[selectedIndex];
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        selectAt(selectedIndex < 0 ? 0 : selectedIndex + 1);
        break;
      case "ArrowUp":
        selectAt(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case "Home":
        selectAt(0);
        break;
      case "End":
        selectAt(list.length - 1);
        break;
      case "PageDown":
        selectAt(Math.max(0, selectedIndex) + PAGE_ROWS);
        break;
      case "PageUp":
        selectAt(Math.max(0, selectedIndex) - PAGE_ROWS);
        break;
      case "ArrowRight":
        if (!selected) selectAt(0);
        else if (selected.hasChildren && selected.collapsed) onToggle(selected.id);
        else if (selected.hasChildren) selectAt(selectedIndex + 1);
        break;
      case "ArrowLeft":
        if (!selected) selectAt(0);
        else if (selected.hasChildren && !selected.collapsed) onToggle(selected.id);
        else if (selected.parentRowId !== undefined) onSelect(selected.parentRowId);
        break;
      case "Enter":
      case " ":
        if (selected) onOpen(selected.id);
        break;
      case "Escape":
        onClose();
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
    setKeyTip(handled && event.key !== "Escape");
  };

  const rowDomId = (index: number) => `${baseId}-row-${index}`;
  // The tooltip follows the mouse; from the keyboard, it shows the selected row's facts.
  const hoveredIndex = hovered === undefined ? -1 : indexOf(hovered);
  const tooltipIndex = hoveredIndex >= 0 ? hoveredIndex : keyTip ? selectedIndex : -1;
  const tooltipRow = rows[tooltipIndex];

  return (
    <section className="timeline" data-testid={TIMELINE.root} aria-label="Timeline">
      <div className="timeline-toolbar">
        <button type="button" data-testid={TIMELINE.expandAll} onClick={onExpandAll}>
          Expand all
        </button>
        <button type="button" data-testid={TIMELINE.collapseAll} onClick={onCollapseAll}>
          Collapse all
        </button>
        <span className="timeline-count">
          {countOf(model.nodeCount, "node")}
          {model.orphanCount > 0 && `, ${countOf(model.orphanCount, "orphan")}`}
        </span>
        {analysis ? (
          <ServiceLegend services={analysis.services} showCritical={showCritical} />
        ) : (
          <span className="timeline-legend">
            <span className="legend-item status-ok">OK</span>
            <span className="legend-item status-error">Error</span>
            <span className="legend-item status-throttle">Throttle</span>
            <span className="legend-item status-fault">Fault</span>
            <span className="legend-item legend-progress">In progress</span>
            <Explain topic="error-fault-throttle" />
          </span>
        )}
        <span className="timeline-hint" aria-hidden="true">
          ↑↓ move · ←→ collapse/expand · Enter details · Esc close, or back to the list
        </span>
      </div>
      <div className="timeline-head">
        <div className="timeline-name-head">Name</div>
        <div className="timeline-axis" data-testid={TIMELINE.axis} aria-hidden="true">
          {ticks.map((tick) => (
            <span
              key={tick.offset}
              className={tick.end ? "timeline-tick is-end" : "timeline-tick"}
              style={{ left: `${tick.fraction * 100}%` }}
            >
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="timeline-scroll"
        role="tree"
        tabIndex={0}
        aria-label="Segments and subsegments"
        aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedIndex) : undefined}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          if (event.target === event.currentTarget) setKeyTip(false);
        }}
        onMouseLeave={() => setHovered(undefined)}
      >
        <div className="timeline-canvas" style={{ height: virtualizer.getTotalSize() }}>
          <div className="timeline-grid" aria-hidden="true">
            {ticks.map((tick) => (
              <span
                key={tick.offset}
                className="timeline-gridline"
                style={{ left: `${tick.fraction * 100}%` }}
              />
            ))}
          </div>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                role="none"
                className="timeline-item"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row.section === "orphans" && row.sectionStart && (
                  <div className="timeline-section" data-testid={TIMELINE.orphans} role="none">
                    Orphans: {countOf(model.orphanCount, "node")} whose parent has not arrived
                    <Explain topic="orphan-subsegment" />
                  </div>
                )}
                <TimelineRowView
                  row={row}
                  domId={rowDomId(item.index)}
                  window={span}
                  resolution={analysis?.resolution}
                  serviceSlot={
                    row.segmentName === undefined
                      ? undefined
                      : analysis?.services.get(row.segmentName)
                  }
                  self={paths?.self.get(row.id)}
                  critical={showCritical && paths?.critical.has(row.id) === true}
                  mark={markOf(row.id, matches, currentMatch)}
                  selected={item.index === selectedIndex}
                  onSelect={onSelect}
                  onOpen={onOpen}
                  onToggle={onToggle}
                  onHover={setHovered}
                />
              </div>
            );
          })}
          {tooltipIndex >= 0 && tooltipRow && (
            <BarTooltip
              row={tooltipRow}
              top={virtualizer.measurementsCache[tooltipIndex]?.end ?? 0}
              window={span}
              resolution={analysis?.resolution}
              self={paths?.self.get(tooltipRow.id)}
              critical={showCritical && paths?.critical.has(tooltipRow.id) === true}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function markOf(
  id: string,
  matches: ReadonlySet<string>,
  current: string | undefined,
): RowMark | undefined {
  if (id === current) return "current";
  return matches.has(id) ? "match" : undefined;
}

/**
 * The position of a row id among `rows`, -1 for none. The first row (selected when a trace
 * opens) is found without indexing every row; the index is built on the first other lookup.
 */
function rowIndex(rows: readonly TimelineRow[]): (id: string) => number {
  let index: Map<string, number> | undefined;
  return (id) => {
    if (rows[0]?.id === id) return 0;
    if (!index) {
      index = new Map();
      for (let at = 0; at < rows.length; at++) {
        const row = rows[at];
        if (row) index.set(row.id, at);
      }
    }
    return index.get(id) ?? -1;
  };
}
