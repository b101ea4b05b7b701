import type { TraceDetailBody, TraceSummary } from "@xray-sandbox/segments";
import { useCallback, useEffect, useRef, useState } from "react";
import { arrivedEarlyRead, takeEarlyRead, tracePath } from "../api/early-reads.ts";
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
export function useTraceDetail(id: string, liveVersion?: string): TraceDetailResult {
  // The read the page started with, when it has already arrived, shows in the first render.
  // Whether the first render showed it: only then does the first effect read nothing.
  const shownEarly = useRef(false);
  const [held, setHeld] = useState<Held>(() => {
    const arrived = arrivedEarlyRead(tracePath(id)) as TraceDetailBody | undefined;
    shownEarly.current = arrived !== undefined;
    return {
      id,
      state: arrived
        ? { status: "ready", body: arrived, refreshError: undefined }
        : { status: "loading" },
    };
  });
  const fetchNow = useRef<(unlessVersion?: string) => void>(() => {});
  // The version the live stream reports now: a read that already has it needs no other.
  const wantedVersion = useRef(liveVersion);
  wantedVersion.current = liveVersion;
  const heldRef = useRef(held);
  heldRef.current = held;

  useEffect(() => {
    const controller = new AbortController();
    let inFlight = false;
    /** Read again once this read ends: always, or only if it lacks the live version. */
    let again: "always" | "unless-current" | undefined;
    const read = async (unlessVersion?: string): Promise<void> => {
      if (inFlight) {
        again = unlessVersion === undefined || again === "always" ? "always" : "unless-current";
        return;
      }
      inFlight = true;
      let readVersion: string | undefined;
      try {
        const path = tracePath(id);
        // The read started with the page, if it worked; else (and ever after) a read of our own.
        const early = (await takeEarlyRead(path)) as TraceDetailBody | undefined;
        if (controller.signal.aborted) return;
        const body =
          early ?? (await requestJson<TraceDetailBody>(path, { signal: controller.signal }));
        readVersion = traceVersion(body.summary);
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
      const next = again;
      again = undefined;
      if (next === undefined || controller.signal.aborted) return;
      if (next === "unless-current" && readVersion === wantedVersion.current) return;
      await read();
    };
    fetchNow.current = (unlessVersion) => void read(unlessVersion);
    if (shownEarly.current && heldRef.current.id === id) {
      // The first render showed the page's early read: it is taken, and there is nothing to read.
      // (Any later run of this effect, for this trace or another, reads.)
      shownEarly.current = false;
      void takeEarlyRead(tracePath(id));
    } else {
      setHeld((previous) => (previous.id === id ? previous : { id, state: { status: "loading" } }));
      void read();
    }
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
    const now = heldRef.current.state;
    if (now.status === "ready" && traceVersion(now.body.summary) === liveVersion) return;
    fetchNow.current(liveVersion);
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

/** What the live stream says of a trace, to tell whether a read has its latest documents. */
export function traceVersion(summary: Pick<TraceSummary, "lastReceivedAt" | "documentCount">) {
  return `${summary.lastReceivedAt}/${summary.documentCount}`;
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
