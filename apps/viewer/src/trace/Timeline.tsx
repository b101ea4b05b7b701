import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
} from "react";
import { Explain } from "../explain/Explain.tsx";
import { countOf } from "../format/count.ts";
import type { TimelineModel } from "./build-rows.ts";
import { TIMELINE } from "./Timeline.markers.ts";
import { TimelineRowView } from "./TimelineRowView.tsx";
import { axisTicks } from "./time-axis.ts";
import "./timeline.css";

export interface TimelineProps {
  model: TimelineModel;
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
}

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
  selectedId,
  onSelect,
  onToggle,
  onOpen,
  onClose,
  onExpandAll,
  onCollapseAll,
  treeRef,
}: TimelineProps) {
  const { rows } = model;
  const ownRef = useRef<HTMLDivElement>(null);
  const scrollRef = treeRef ?? ownRef;
  const baseId = useId();
  const ticks = useMemo(() => axisTicks(model.duration, 6), [model.duration]);
  const indexOf = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows]);
  const selectedIndex = selectedId === undefined ? -1 : (indexOf.get(selectedId) ?? -1);

  const estimateSize = useCallback(
    (index: number) => {
      const row = rows[index];
      return row?.section === "orphans" && row.sectionStart
        ? ROW_HEIGHT + SECTION_HEADER_HEIGHT
        : ROW_HEIGHT;
    },
    [rows],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 12,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const selectAt = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row) onSelect(row.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const selected = rows[selectedIndex];
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
        selectAt(rows.length - 1);
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
  };

  const rowDomId = (index: number) => `${baseId}-row-${index}`;

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
        <span className="timeline-legend">
          <span className="legend-item status-ok">OK</span>
          <span className="legend-item status-error">Error</span>
          <span className="legend-item status-throttle">Throttle</span>
          <span className="legend-item status-fault">Fault</span>
          <span className="legend-item legend-progress">In progress</span>
          <Explain topic="error-fault-throttle" />
        </span>
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
              className="timeline-tick"
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
                  duration={model.duration}
                  selected={item.index === selectedIndex}
                  onSelect={onSelect}
                  onOpen={onOpen}
                  onToggle={onToggle}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
