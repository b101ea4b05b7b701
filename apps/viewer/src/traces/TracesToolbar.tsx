import { useEffect, useRef, useState } from "react";
import { countOf, formatCount } from "../format/count.ts";
import { liveStore, useConnection, useLive, useStats } from "../live/live-store.ts";
import { exportPath } from "./export-path.ts";
import { ImportButton } from "./ImportButton.tsx";
import { TRACES_PAGE } from "./TraceList.markers.ts";

/**
 * Count, pause/resume, export and clear, for the list of `filter`'s traces. `invalid`: the
 * URL's filter does not parse, so no list is shown and no count either.
 */
export function TracesToolbar({
  filter,
  invalid = false,
  dropped,
  shown,
}: {
  filter: string | null;
  invalid?: boolean;
  /** A file dropped on the page, to import as if chosen with the Import button. */
  dropped?: { readonly file: File; readonly serial: number } | undefined;
  /** What the list shows when it is not the live one (a page the daemon sorted). */
  shown?: { readonly loaded: number; readonly total: number } | undefined;
}) {
  const liveLoaded = useLive((state) => state.ids.length);
  const liveTotal = useLive((state) => state.total);
  const loaded = shown ? shown.loaded : liveLoaded;
  const total = shown ? shown.total : liveTotal;
  const loading = useLive((state) => state.awaitingSnapshots > 0);
  const counting = useLive((state) => state.counting !== undefined) && shown === undefined;
  const connection = useConnection();
  const { pause, resume } = liveStore.getState();

  return (
    <div className="traces-actions">
      <span className="traces-count" data-testid={TRACES_PAGE.count} aria-live="off">
        {countText({
          invalid,
          unreachable: connection.state === "reconnecting",
          loading,
          loaded,
          total,
          counting,
        })}
      </span>
      <button
        type="button"
        className="toolbar-button"
        data-testid={TRACES_PAGE.pause}
        aria-pressed={connection.paused}
        title={
          connection.paused
            ? "Show the traces that arrived while paused"
            : "Hold the list still; new traces wait aside, none is lost"
        }
        onClick={connection.paused ? resume : pause}
      >
        {connection.paused ? "Resume" : "Pause"}
        {connection.paused && connection.newWhilePaused > 0 && (
          <span className="toolbar-badge">{formatCount(connection.newWhilePaused)} new</span>
        )}
      </button>
      <a
        className="toolbar-button"
        data-testid={TRACES_PAGE.export}
        href={exportPath(filter)}
        download
        title={
          filter === null
            ? "Download every document the daemon holds, as NDJSON"
            : "Download the documents of the matching traces, as NDJSON"
        }
      >
        Export
      </a>
      <ImportButton dropped={dropped} />
      <ClearButton />
    </div>
  );
}

function ClearButton() {
  const held = useStats()?.traces;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const clear = async () => {
    setConfirming(false);
    try {
      await liveStore.getState().clear();
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  if (!confirming) {
    return (
      <>
        <button
          type="button"
          className="toolbar-button"
          data-testid={TRACES_PAGE.clear}
          title="Delete every trace from the daemon"
          onClick={() => setConfirming(true)}
        >
          Delete all…
        </button>
        {error && (
          <span className="traces-clear-error" role="alert">
            Could not delete: {error}
          </span>
        )}
      </>
    );
  }
  return (
    <fieldset
      className="traces-confirm"
      aria-label="Confirm clearing"
      onKeyDown={(event) => {
        if (event.key === "Escape") setConfirming(false);
      }}
    >
      {held === undefined
        ? "Delete every trace from the daemon?"
        : `Delete ${held === 1 ? "the only trace" : `all ${countOf(held, "trace")}`} from the daemon?`}
      <button
        ref={confirmButton}
        type="button"
        className="toolbar-button toolbar-button-danger"
        data-testid={TRACES_PAGE.confirmClear}
        onClick={() => void clear()}
      >
        Delete all
      </button>
      <button type="button" className="toolbar-button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

/** What the count says: never a count beside an invalid filter or an unreachable daemon. */
export function countText(list: {
  invalid: boolean;
  unreachable: boolean;
  loading: boolean;
  loaded: number;
  total: number;
  /** The daemon answered with the newest matches and is still counting the rest. */
  counting?: boolean;
}): string {
  const { invalid, unreachable, loading, loaded, total, counting = false } = list;
  if (invalid) return "No list: the filter is not valid";
  if (unreachable && loaded === 0) return "Daemon unreachable";
  if (loading) return "Loading…";
  const count = counting
    ? `Showing ${formatCount(loaded)} of at least ${formatCount(total)}, counting…`
    : loaded === total
      ? `Showing ${countOf(total, "trace")}`
      : `Showing ${formatCount(loaded)} of ${formatCount(total)}`;
  return unreachable ? `${count} received before · daemon unreachable` : count;
}
