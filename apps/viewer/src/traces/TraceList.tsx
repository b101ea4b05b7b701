import { useVirtualizer } from "@tanstack/react-virtual";
import type { SortOrder, TraceId, TraceSortKey, TraceSummary } from "@xray-sandbox/segments";
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { useNavigate } from "react-router";
import { startTraceRead } from "../api/early-reads.ts";
import { useNow } from "../format/use-now.ts";
import { liveStore, useLive, useTraceIds } from "../live/live-store.ts";
import type { QueriedTraces } from "../slow/use-queried-traces.ts";
import { setMarkedForCompare, useMarkedForCompare } from "./compare-mark.ts";
import { FlagsHelp } from "./FlagsHelp.tsx";
import { nextSelection } from "./list-navigation.ts";
import { TRACE_LIST } from "./TraceList.markers.ts";
import { rowElementId, TraceRow } from "./TraceRow.tsx";
import { hasFlag } from "./trace-flags.ts";
import "./trace-list.css";

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 32;
/** Older traces are fetched when the last rendered row is this close to the end. */
const LOAD_OLDER_WITHIN = 50;

/**
 * Every trace in the live store, newest first, virtualized so that 100k rows scroll as
 * smoothly as 100. Click or Enter opens a trace; arrows, Page Up/Down, Home and End move
 * the selection; Escape clears it. C (or Shift+click) marks a trace, and then another, to
 * compare the two. While the list is scrolled down, rows arriving on top do not move what is
 * on screen.
 */
export interface TraceListProps {
  /** A page the daemon sorted, instead of the live list. */
  readonly queried?: QueriedTraces | undefined;
  readonly sort?: TraceSortKey;
  readonly order?: SortOrder;
  /** A column header was chosen for sorting. */
  readonly onSort?: (sort: TraceSortKey) => void;
}

export function TraceList({
  queried,
  sort = "received",
  order = "desc",
  onSort,
}: TraceListProps = {}) {
  const liveIds = useTraceIds();
  const liveTotal = useLive((state) => state.total);
  const liveOlder = useLive((state) => state.older);
  const liveFlags = useLive((state) => {
    for (const summary of state.summaries.values()) if (hasFlag(summary)) return true;
    return false;
  });
  const liveFilter = useLive((state) => state.filter);
  // A new filter's snapshot is on its way: the rows shown are the old filter's.
  const liveStale = useLive((state) => state.awaitingSnapshots > 0);
  const stale = !queried && liveStale;
  const ids = queried ? queried.ids : liveIds;
  const total = queried ? queried.total : liveTotal;
  const older = queried ? queried.older : liveOlder;
  const showFlags = queried ? queried.summaries.some(hasFlag) : liveFlags;
  const summaryOf = (index: number): TraceSummary | undefined => queried?.summaries[index];
  const now = useNow(1000);
  const navigate = useNavigate();
  const scroller = useRef<HTMLTableElement>(null);
  const [selected, setSelected] = useState<TraceId | undefined>();
  const marked = useMarkedForCompare();
  const anchor = useRef<{ id: TraceId; index: number } | undefined>(undefined);

  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids.at(index) ?? index,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const open = useCallback(
    (id: TraceId) => {
      setSelected(id);
      // Read while the trace view renders, not after.
      startTraceRead(id);
      navigate(`/traces/${id}`);
    },
    [navigate],
  );

  const mark = useCallback(
    (id: TraceId) => {
      if (marked === undefined || marked === id) {
        setMarkedForCompare(marked === id ? undefined : id);
        return;
      }
      setMarkedForCompare(undefined);
      navigate(`/compare?a=${encodeURIComponent(marked)}&b=${encodeURIComponent(id)}`);
    },
    [marked, navigate],
  );

  // The list stays mounted from one filter to the next: once the new filter's rows are in,
  // it starts at the top with nothing selected, as a new list does.
  // (Whether it is scrolled is noted on scroll: reading `scrollTop` here would lay the page
  // out before its time.)
  const shownFilter = useRef(liveFilter);
  const scrolled = useRef(false);
  useLayoutEffect(() => {
    if (queried || stale || shownFilter.current === liveFilter) return;
    shownFilter.current = liveFilter;
    anchor.current = undefined;
    if (scrolled.current && scroller.current) scroller.current.scrollTop = 0;
    setSelected((current) => (current === undefined ? current : undefined));
  }, [queried, stale, liveFilter]);

  // Rows added above the first visible one would push it down: scroll by as much.
  useLayoutEffect(() => {
    const element = scroller.current;
    const kept = anchor.current;
    if (!element || !kept || element.scrollTop < ROW_HEIGHT) return;
    const index = ids.indexOf(kept.id);
    if (index < 0 || index === kept.index) return;
    element.scrollTop += (index - kept.index) * ROW_HEIGHT;
    anchor.current = { id: kept.id, index };
  }, [ids]);

  const rememberAnchor = () => {
    const element = scroller.current;
    if (!element) return;
    scrolled.current = element.scrollTop > 0;
    const index = Math.floor(element.scrollTop / ROW_HEIGHT);
    const id = ids.at(index);
    anchor.current = id === undefined ? undefined : { id, index };
  };

  const items = virtualizer.getVirtualItems();
  const lastRendered = items.at(-1)?.index ?? -1;
  const moreToLoad = total > ids.length && older.status !== "done";
  const loadMore = queried ? queried.loadMore : liveStore.getState().loadOlder;
  useEffect(() => {
    if (older.status !== "idle" || !moreToLoad) return;
    if (lastRendered >= ids.length - 1 - LOAD_OLDER_WITHIN) void loadMore();
  }, [lastRendered, ids, moreToLoad, older.status, loadMore]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    const current = selected === undefined ? -1 : ids.indexOf(selected);
    if (event.key === "Enter") {
      if (selected !== undefined && current >= 0) open(selected);
      return;
    }
    if (event.key === "Escape") {
      if (marked !== undefined) setMarkedForCompare(undefined);
      else setSelected(undefined);
      return;
    }
    if ((event.key === "c" || event.key === "C") && !event.metaKey && !event.ctrlKey) {
      if (selected !== undefined && current >= 0) mark(selected);
      return;
    }
    const visibleRows = Math.floor(
      ((scroller.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT,
    );
    const next = nextSelection(
      event.key,
      current >= 0 ? current : undefined,
      ids.length,
      visibleRows,
    );
    if (next === undefined) return;
    event.preventDefault();
    setSelected(ids.at(next));
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  const activeIndex = selected === undefined ? -1 : ids.indexOf(selected);
  return (
    <table
      ref={scroller}
      className={`trace-list${showFlags ? "" : " trace-list-flagless"}`}
      data-testid={TRACE_LIST.root}
      // The old filter's rows while the new filter's are on their way (the count says
      // "Loading…"). Not dimmed: repainting the old rows measured slower to the new ones.
      aria-busy={stale}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a table to be a grid; it lets the list point at its selected row with aria-activedescendant
      role="grid"
      aria-label={
        sort === "received"
          ? `Traces, ${orderWords(sort, order)}`
          : `Traces by ${SORT_LABELS[sort].toLowerCase()}, ${orderWords(sort, order)}`
      }
      aria-rowcount={total + 1}
      aria-activedescendant={
        selected !== undefined && activeIndex >= 0 ? rowElementId(selected) : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={rememberAnchor}
    >
      <thead className="trace-list-head">
        <tr aria-rowindex={1} className="trace-row trace-row-head">
          <SortHeader column="received" className="trace-received" {...{ sort, order, onSort }} />
          <th className="trace-cell">Entry point</th>
          <SortHeader column="status" {...{ sort, order, onSort }} />
          <SortHeader
            column="responsetime"
            className="trace-duration"
            {...{ sort, order, onSort }}
          />
          <SortHeader column="services" className="trace-services" {...{ sort, order, onSort }} />
          <th className="trace-cell trace-nodes" title="Segments and subsegments">
            Nodes
          </th>
          <SortHeader column="size" className="trace-size" {...{ sort, order, onSort }} />
          <th className="trace-cell trace-id-cell">Trace id</th>
          <th className="trace-cell trace-sent-by">Sent by</th>
          {showFlags && (
            <th className="trace-cell">
              Flags <FlagsHelp />
            </th>
          )}
        </tr>
      </thead>
      <tbody className="trace-list-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids.at(item.index);
          if (id === undefined) return null;
          return (
            <TraceRow
              key={id}
              id={id}
              summary={summaryOf(item.index)}
              previous={queried ? summaryOf(item.index - 1) : undefined}
              previousId={queried ? undefined : ids.at(item.index - 1)}
              showFlags={showFlags}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={id === selected}
              now={now}
              onOpen={open}
              marked={id === marked}
              onMark={mark}
            />
          );
        })}
      </tbody>
      {(moreToLoad || older.status === "failed") && (
        <tfoot className="trace-list-older" data-testid={TRACE_LIST.older}>
          <tr>
            <td>
              {older.status === "failed" ? (
                <>
                  Could not load older traces: {older.error}{" "}
                  <button type="button" onClick={() => void loadMore()}>
                    Retry
                  </button>
                </>
              ) : queried ? (
                "Loading more traces…"
              ) : (
                "Loading older traces…"
              )}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

const SORT_LABELS: Readonly<Record<TraceSortKey, string>> = {
  received: "Received",
  status: "Status",
  responsetime: "Response time",
  services: "Services",
  size: "Size",
};

/** What the narrow headers show; the button's name says it in full. */
const SHORT_LABELS: Readonly<Record<TraceSortKey, string>> = {
  ...SORT_LABELS,
  responsetime: "Response",
};

function orderWords(sort: TraceSortKey, order: SortOrder): string {
  if (sort === "received") return order === "desc" ? "newest first" : "oldest first";
  if (sort === "responsetime") return order === "desc" ? "slowest first" : "fastest first";
  if (sort === "services") return order === "asc" ? "A to Z" : "Z to A";
  return order === "desc" ? "highest first" : "lowest first";
}

/** A column header that sorts the list (through the daemon, over every kept trace). */
function SortHeader({
  column,
  className = "",
  sort,
  order,
  onSort,
}: {
  column: TraceSortKey;
  className?: string;
  sort: TraceSortKey;
  order: SortOrder;
  onSort: ((sort: TraceSortKey) => void) | undefined;
}) {
  const active = sort === column;
  const label = SORT_LABELS[column];
  return (
    <th
      className={`trace-cell ${className}`}
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
    >
      {onSort ? (
        <button
          type="button"
          className="trace-sort"
          data-testid={TRACE_LIST.sortButton}
          data-sort={column}
          title={`Sort every kept trace by ${label.toLowerCase()}`}
          aria-label={`${label}: sort every kept trace by it`}
          onClick={() => onSort(column)}
        >
          {SHORT_LABELS[column]}
          <span className="trace-sort-arrow" aria-hidden="true">
            {active ? (order === "asc" ? "▲" : "▼") : ""}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}
