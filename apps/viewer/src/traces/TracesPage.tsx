import { parseFilter, type TraceDistributionBody, type TraceSortKey } from "@xray-sandbox/segments";
import {
  type DragEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useSearchParams } from "react-router";
import { combineFilter } from "../filter/combine-filter.ts";
import { FilterBar } from "../filter/FilterBar.tsx";
import { useUrlFilter } from "../filter/use-url-filter.ts";
import { formatCount } from "../format/count.ts";
import { liveStore, useConnection, useLive, useStats } from "../live/live-store.ts";
import { LatencyChart } from "../slow/LatencyChart.tsx";
import { LIST_CONTROLS } from "../slow/ListControls.markers.ts";
import { ListControls } from "../slow/ListControls.tsx";
import {
  DEFAULT_LIST_QUERY,
  isLiveOrder,
  type ListQuery,
  nextSort,
  readListQuery,
  receivedBounds,
  selectionParams,
  writeListQuery,
} from "../slow/list-query.ts";
import { withResponseTimeRange } from "../slow/response-time-filter.ts";
import { type QueriedTraces, useQueriedTraces } from "../slow/use-queried-traces.ts";
import { useStoreVersion } from "../slow/use-store-version.ts";
import { useThrottledFetch } from "../slow/use-throttled-fetch.ts";
import { CompareMarkBar } from "./CompareMarkBar.tsx";
import { ConnectionNotice } from "./ConnectionNotice.tsx";
import { InvalidFilter, NoMatch, NoTracesYet, Waiting } from "./EmptyStates.tsx";
import { TRACES_PAGE } from "./TraceList.markers.ts";
import { TraceList } from "./TraceList.tsx";
import { TracesToolbar } from "./TracesToolbar.tsx";
import "./traces-page.css";

/**
 * `/`: the trace list under its filter bar (`?filter=`, `?group=`), with the response-time
 * distribution above it. Newest first over every kept trace, the list is the live one; sorted
 * otherwise (`?sort=&order=`) or narrowed to a time range (`?range=`), it pages through the
 * daemon's query over every kept trace.
 */
export function TracesPage() {
  const { filter, group, combined, setFilter: setUrlFilter, setGroup } = useUrlFilter();
  // The subscription follows a new filter from the handler that applies it, before React
  // renders the URL change (a transition, in slices): the daemon's snapshot is on its way
  // while the page renders.
  const setFilter = useCallback(
    (next: string) => {
      followFilter(combineFilter(group, next));
      setUrlFilter(next);
    },
    [group, setUrlFilter],
  );
  const [params, setParams] = useSearchParams();
  const listQuery = readListQuery(params);
  const setListQuery = useCallback(
    (query: ListQuery) => setParams((current) => writeListQuery(current, query)),
    [setParams],
  );
  const filterInput = useRef<HTMLInputElement>(null);
  const problem = useMemo(() => {
    if (combined === null) return undefined;
    const parsed = parseFilter(combined);
    return parsed.ok ? undefined : parsed.error.message;
  }, [combined]);
  const bounds = receivedBounds(listQuery);
  const rangeProblem = "problem" in bounds ? bounds.problem : undefined;
  const selection =
    problem !== undefined || "problem" in bounds
      ? undefined
      : selectionParams(combined, bounds).toString();
  const live = isLiveOrder(listQuery);
  // The live list follows the live store in components of its own: the page does not
  // re-render with every change to it.
  const version = useStoreVersion(!live);
  const queried = useQueriedTraces(
    live || selection === undefined
      ? undefined
      : `${selection}&sort=${listQuery.sort}&order=${listQuery.order}`,
    version,
  );
  const onBrush = useCallback(
    (min: number, max: number) => setFilter(withResponseTimeRange(filter, min, max)),
    [setFilter, filter],
  );
  const [dropped, setDropped] = useState<{ file: File; serial: number } | undefined>();
  const [dragging, setDragging] = useState(false);

  // Any other change of the URL's filter (a link, back and forward, a group): before the
  // paint, in the same turn as the URL change, not a frame later.
  useLayoutEffect(() => {
    if (problem === undefined) liveStore.getState().setFilter(combined);
  }, [combined, problem]);
  useSlashFocuses(filterInput);

  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) setDropped((last) => ({ file, serial: (last?.serial ?? 0) + 1 }));
  };

  return (
    <main
      className={`traces-page${dragging ? " traces-page-dropping" : ""}`}
      data-testid={TRACES_PAGE.root}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {dragging && (
        <div className="traces-drop-hint" data-testid={TRACES_PAGE.dropHint} aria-hidden="true">
          Drop an NDJSON export or <code>aws xray batch-get-traces</code> output to import it
        </div>
      )}
      <h1 className="visually-hidden">Traces</h1>
      <div className="traces-toolbar">
        <FilterBar value={filter} onSubmit={setFilter} inputRef={filterInput} />
        {group && (
          <span className="traces-group" data-testid={TRACES_PAGE.group}>
            Group <strong>{group}</strong>
            <button
              type="button"
              className="traces-group-remove"
              aria-label={`Show traces of every group, not only ${group}`}
              onClick={() => setGroup(undefined)}
            >
              ×
            </button>
          </span>
        )}
        <TracesToolbar
          filter={combined}
          invalid={problem !== undefined}
          dropped={dropped}
          shown={live ? undefined : { loaded: queried.ids.length, total: queried.total }}
        />
      </div>
      <DaemonFilterError />
      <ConnectionNotice />
      <ListControls
        query={listQuery}
        onQuery={setListQuery}
        filter={filter}
        onBounds={(min, max) => setFilter(withResponseTimeRange(filter, min, max))}
        rangeProblem={rangeProblem}
      />
      {problem === undefined && selection !== undefined && (
        <ListDistribution
          selection={selection}
          live={live}
          queriedLoading={queried.status === "loading"}
          onBrush={onBrush}
        />
      )}
      {problem !== undefined ? (
        <InvalidFilter message={problem} onClearFilter={() => setFilter("")} />
      ) : live ? (
        <TracesBody
          filter={combined}
          onClearFilter={() => setFilter("")}
          onSort={(sort) => setListQuery(nextSort(listQuery, sort))}
        />
      ) : (
        <QueriedBody
          queried={queried}
          query={listQuery}
          filter={combined}
          onQuery={setListQuery}
          onClearFilter={() => setFilter("")}
        />
      )}
    </main>
  );
}

/** The live list's subscription follows `combined`, when it parses (else the URL shows why). */
function followFilter(combined: string | null): void {
  if (combined === null || parseFilter(combined).ok) liveStore.getState().setFilter(combined);
}

function hasFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes("Files");
}

/**
 * The response-time distribution of the list's traces, asked for once the list is in (the
 * live list's snapshot, or the sorted list's first page): it reads every matching trace, and
 * asked for at the same moment it would share the daemon with the answer the list waits for.
 */
function ListDistribution({
  selection,
  live,
  queriedLoading,
  onBrush,
}: {
  selection: string;
  live: boolean;
  queriedLoading: boolean;
  onBrush: (min: number, max: number) => void;
}) {
  const version = useStoreVersion();
  const listSettled = useLive((state) => state.awaitingSnapshots === 0);
  const listWaiting = live ? !listSettled : queriedLoading;
  const distribution = useThrottledFetch<TraceDistributionBody>(
    listWaiting ? undefined : `/api/traces/distribution?${selection}&points=600`,
    version,
  );
  return (
    <LatencyChart
      distribution={distribution.data}
      loading={distribution.status === "loading"}
      error={distribution.status === "failed" ? distribution.error : undefined}
      onBrush={onBrush}
    />
  );
}

/** The list the daemon sorted or narrowed to a time range, over every kept trace. */
function QueriedBody({
  queried,
  query,
  filter,
  onQuery,
  onClearFilter,
}: {
  queried: QueriedTraces;
  query: ListQuery;
  filter: string | null;
  onQuery: (query: ListQuery) => void;
  onClearFilter: () => void;
}) {
  const note = (
    <p className="list-order" data-testid={LIST_CONTROLS.order} role="status">
      {queried.status === "loading" && queried.ids.length === 0
        ? "Asking the daemon…"
        : `${formatCount(queried.total)} of ${formatCount(queried.scanned)} kept traces match, sorted by the daemon.`}
      <button
        type="button"
        className="toolbar-button"
        data-testid={LIST_CONTROLS.backToLive}
        onClick={() => onQuery(DEFAULT_LIST_QUERY)}
      >
        Back to the live list
      </button>
    </p>
  );
  if (queried.error !== undefined && queried.ids.length === 0) {
    return (
      <>
        {note}
        <p className="traces-daemon-error" role="alert">
          Could not ask the daemon: {queried.error}
        </p>
      </>
    );
  }
  if (queried.status !== "loading" && queried.ids.length === 0) {
    return (
      <>
        {note}
        <NoMatch
          filter={filter ?? ""}
          storeTraces={queried.scanned}
          onClearFilter={onClearFilter}
        />
      </>
    );
  }
  return (
    <>
      {note}
      <TraceList
        queried={queried}
        sort={query.sort}
        order={query.order}
        onSort={(sort) => onQuery(nextSort(query, sort))}
      />
    </>
  );
}

function TracesBody({
  filter,
  onClearFilter,
  onSort,
}: {
  filter: string | null;
  onClearFilter: () => void;
  onSort: (sort: TraceSortKey) => void;
}) {
  const count = useLive((state) => state.ids.length);
  const loading = useLive((state) => state.awaitingSnapshots > 0);
  const connection = useConnection();
  const stats = useStats();
  if (count > 0) return <CompareMarkBar list={<TraceList onSort={onSort} />} />;
  if (loading || connection.state === "reconnecting") return <Waiting connection={connection} />;
  if (filter !== null) {
    return <NoMatch filter={filter} storeTraces={stats?.traces} onClearFilter={onClearFilter} />;
  }
  return <NoTracesYet stats={stats} />;
}

function DaemonFilterError() {
  const error = useLive((state) => state.filterError);
  if (!error) return null;
  return (
    <p className="traces-daemon-error" role="alert" data-testid={TRACES_PAGE.daemonError}>
      The daemon refused this filter: {error}
    </p>
  );
}

/** `/` anywhere on the page (outside a text field) puts the cursor in the filter. */
function useSlashFocuses(input: { readonly current: HTMLInputElement | null }) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
      ) {
        return;
      }
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [input]);
}
