import type { TraceDetailBody } from "@xray-sandbox/segments";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, requestJson } from "../api/http.ts";

export type TraceDetailState =
  | { readonly status: "loading" }
  | {
      readonly status: "ready";
      readonly body: TraceDetailBody;
      /** The last refresh failed (the daemon stopped, say); `body` is what was read before. */
      readonly refreshError: string | undefined;
    }
  | { readonly status: "not-found"; readonly message: string }
  | { readonly status: "error"; readonly message: string };

export interface TraceDetailResult {
  readonly state: TraceDetailState;
  /** Reads the trace again now. */
  readonly reload: () => void;
}

/** While a trace is in progress or partial, it is read again this often. */
const POLL_INTERVAL_MS = 1000;

interface Held {
  readonly id: string;
  readonly state: TraceDetailState;
}

/**
 * `GET /api/traces/:id`, read again every second while the trace is still in progress or
 * partial (while the page is visible), and whenever `liveVersion` changes (the live stream
 * saw the trace change). A re-read that finds nothing new keeps the same `body` object, so
 * what is derived from it is not recomputed.
 */
export function useTraceDetail(id: string, liveVersion?: unknown): TraceDetailResult {
  const [held, setHeld] = useState<Held>({ id, state: { status: "loading" } });
  const fetchNow = useRef<() => void>(() => {});

  useEffect(() => {
    const controller = new AbortController();
    let inFlight = false;
    let again = false;
    const read = async (): Promise<void> => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const body = await requestJson<TraceDetailBody>(`/api/traces/${encodeURIComponent(id)}`, {
          signal: controller.signal,
        });
        setHeld((previous) => {
          if (previous.id === id && previous.state.status === "ready") {
            const same = unchanged(previous.state.body, body);
            if (same && previous.state.refreshError === undefined) return previous;
            return {
              id,
              state: {
                status: "ready",
                body: same ? previous.state.body : body,
                refreshError: undefined,
              },
            };
          }
          return { id, state: { status: "ready", body, refreshError: undefined } };
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        setHeld((previous) => ({
          id,
          state: failed(previous.id === id ? previous.state : undefined, error),
        }));
      } finally {
        inFlight = false;
      }
      if (again && !controller.signal.aborted) {
        again = false;
        await read();
      }
    };
    fetchNow.current = () => void read();
    setHeld((previous) => (previous.id === id ? previous : { id, state: { status: "loading" } }));
    void read();
    return () => {
      controller.abort();
      fetchNow.current = () => {};
    };
  }, [id]);

  const state: TraceDetailState = held.id === id ? held.state : { status: "loading" };
  const summary = state.status === "ready" ? state.body.summary : undefined;
  const unsettled = summary !== undefined && (summary.inProgress || summary.partial);

  useEffect(() => {
    if (!unsettled) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") fetchNow.current();
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [unsettled]);

  const firstVersion = useRef(true);
  useEffect(() => {
    if (firstVersion.current) {
      firstVersion.current = false;
      return;
    }
    fetchNow.current();
  }, [liveVersion]);

  const reload = useCallback(() => {
    setHeld((previous) =>
      previous.state.status === "error"
        ? { id: previous.id, state: { status: "loading" } }
        : previous,
    );
    fetchNow.current();
  }, []);

  return { state, reload };
}

function unchanged(before: TraceDetailBody, after: TraceDetailBody): boolean {
  return (
    before.id === after.id &&
    before.summary.lastReceivedAt === after.summary.lastReceivedAt &&
    before.summary.documentCount === after.summary.documentCount &&
    before.summary.bytes === after.summary.bytes &&
    before.documents.length === after.documents.length
  );
}

function failed(previous: TraceDetailState | undefined, error: unknown): TraceDetailState {
  if (error instanceof ApiError && error.status === 404) {
    return { status: "not-found", message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (previous?.status === "ready") return { ...previous, refreshError: message };
  return { status: "error", message };
}
