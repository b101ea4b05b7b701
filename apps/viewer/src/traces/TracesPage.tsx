import { parseFilter } from "@xray-sandbox/segments";
import { useEffect, useMemo, useRef } from "react";
import { FilterBar } from "../filter/FilterBar.tsx";
import { useUrlFilter } from "../filter/use-url-filter.ts";
import { liveStore, useConnection, useLive, useStats } from "../live/live-store.ts";
import { CompareMarkBar } from "./CompareMarkBar.tsx";
import { ConnectionNotice } from "./ConnectionNotice.tsx";
import { InvalidFilter, NoMatch, NoTracesYet, Waiting } from "./EmptyStates.tsx";
import { TRACES_PAGE } from "./TraceList.markers.ts";
import { TraceList } from "./TraceList.tsx";
import { TracesToolbar } from "./TracesToolbar.tsx";
import "./traces-page.css";

/** `/`: the live trace list under its filter bar (`?filter=`, `?group=`). */
export function TracesPage() {
  const { filter, group, combined, setFilter, setGroup } = useUrlFilter();
  const filterInput = useRef<HTMLInputElement>(null);
  const problem = useMemo(() => {
    if (combined === null) return undefined;
    const parsed = parseFilter(combined);
    return parsed.ok ? undefined : parsed.error.message;
  }, [combined]);

  useEffect(() => {
    if (problem === undefined) liveStore.getState().setFilter(combined);
  }, [combined, problem]);
  useSlashFocuses(filterInput);

  return (
    <main className="traces-page" data-testid={TRACES_PAGE.root}>
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
        <TracesToolbar filter={combined} invalid={problem !== undefined} />
      </div>
      <DaemonFilterError />
      <ConnectionNotice />
      {problem === undefined ? (
        <TracesBody filter={combined} onClearFilter={() => setFilter("")} />
      ) : (
        <InvalidFilter message={problem} onClearFilter={() => setFilter("")} />
      )}
    </main>
  );
}

function TracesBody({
  filter,
  onClearFilter,
}: {
  filter: string | null;
  onClearFilter: () => void;
}) {
  const count = useLive((state) => state.ids.length);
  const loading = useLive((state) => state.awaitingSnapshots > 0);
  const connection = useConnection();
  const stats = useStats();
  if (count > 0) return <CompareMarkBar list={<TraceList />} />;
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
