import type { TraceId, TraceQueryBody, TraceSummary } from "@xray-sandbox/segments";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { requestJson } from "../api/http.ts";
import type { OlderPages } from "../live/live-state.ts";
import { useThrottledFetch } from "./use-throttled-fetch.ts";

/** Rows a page of the sorted list holds. */
export const QUERY_PAGE_SIZE = 200;

/** The sorted list as the trace list reads it. */
export interface QueriedTraces {
  readonly ids: readonly TraceId[];
  /** In the order of `ids`. */
  readonly summaries: readonly TraceSummary[];
  readonly total: number;
  readonly scanned: number;
  readonly status: "loading" | "ok" | "failed";
  readonly error: string | undefined;
  /** Pages after the first, as the live list's older pages. */
  readonly older: OlderPages;
  loadMore(): Promise<void>;
}

/**
 * Pages of `GET /api/traces/query?<selection>` (without limit and cursor): the first again
 * when `version` changes (at most once a second) while no later page is loaded, so that the
 * rows a user scrolled to do not move.
 */
export function useQueriedTraces(selection: string | undefined, version: string): QueriedTraces {
  const [more, setMore] = useState<{
    readonly selection: string | undefined;
    readonly pages: readonly TraceQueryBody[];
    readonly older: OlderPages;
  }>({ selection, pages: [], older: { status: "idle", cursor: undefined } });
  const extra = more.selection === selection ? more : undefined;
  const frozen = (extra?.pages.length ?? 0) > 0;
  const frozenVersion = useRef(version);
  if (!frozen) frozenVersion.current = version;
  const first = useThrottledFetch<TraceQueryBody>(
    selection === undefined ? undefined : `/api/traces/query?${selection}&limit=${QUERY_PAGE_SIZE}`,
    frozenVersion.current,
  );

  useEffect(() => {
    setMore({ selection, pages: [], older: { status: "idle", cursor: undefined } });
  }, [selection]);

  const pages = useMemo(
    () => (first.data ? [first.data, ...(extra?.pages ?? [])] : []),
    [first.data, extra?.pages],
  );
  const last = pages.at(-1);
  const cursor = last?.nextCursor;
  const older: OlderPages =
    extra && extra.older.status !== "idle"
      ? extra.older
      : cursor === undefined
        ? { status: "done" }
        : { status: "idle", cursor };

  const loadMore = useCallback(async () => {
    if (selection === undefined || cursor === undefined) return;
    setMore((state) => ({ ...state, selection, older: { status: "loading", cursor } }));
    try {
      const body = await requestJson<TraceQueryBody>(
        `/api/traces/query?${selection}&limit=${QUERY_PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}`,
      );
      setMore((state) =>
        state.selection === selection
          ? {
              selection,
              pages: [...state.pages, body],
              older: { status: "idle", cursor: undefined },
            }
          : state,
      );
    } catch (error) {
      setMore((state) => ({
        ...state,
        older: {
          status: "failed",
          cursor,
          error: error instanceof Error ? error.message : String(error),
        },
      }));
    }
  }, [selection, cursor]);

  return useMemo(() => {
    const summaries: TraceSummary[] = [];
    const seen = new Set<TraceId>();
    for (const page of pages) {
      for (const summary of page.traces) {
        // The first page may be refreshed: a trace is shown once.
        if (seen.has(summary.id)) continue;
        seen.add(summary.id);
        summaries.push(summary);
      }
    }
    return {
      ids: summaries.map((summary) => summary.id),
      summaries,
      total: pages[0]?.total ?? 0,
      scanned: pages[0]?.scanned ?? 0,
      status: first.status,
      error: first.status === "failed" ? first.error : undefined,
      older,
      loadMore,
    };
  }, [pages, first, older, loadMore]);
}
