import { useEffect, useRef, useState } from "react";
import { requestJson } from "../api/http.ts";

/** The least time between two requests that only `version` tells apart (live updates). */
export const LIVE_REFRESH_MS = 1000;

export type FetchState<T> =
  | { readonly status: "loading"; readonly data: T | undefined }
  | { readonly status: "ok"; readonly data: T }
  | { readonly status: "failed"; readonly data: T | undefined; readonly error: string };

/**
 * GETs `path` (JSON) when it changes, at once, and again when `version` changes, at most once
 * per `refreshMs` and never while a request is out; an answer older than the latest one
 * applied, or for a path no longer asked for, is dropped. `path` undefined asks for nothing.
 */
export function useThrottledFetch<T>(
  path: string | undefined,
  version: string,
  refreshMs = LIVE_REFRESH_MS,
): FetchState<T> {
  const [state, setState] = useState<FetchState<T>>({ status: "loading", data: undefined });
  const current = useRef<string | undefined>(undefined);
  const lastAt = useRef(0);
  const sent = useRef(0);
  const applied = useRef(0);
  const busy = useRef(false);
  /** `version` changed while a request was out: ask again once it is back. */
  const missed = useRef(false);
  const data = useRef<T | undefined>(undefined);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (path === undefined) return;
    const pathChanged = current.current !== path;
    current.current = path;
    if (pathChanged) setState({ status: "loading", data: data.current });
    else if (busy.current) {
      missed.current = true;
      return;
    }
    const wait = pathChanged ? 0 : Math.max(0, lastAt.current + refreshMs - Date.now());
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      const serial = ++sent.current;
      busy.current = true;
      const settle = (next: () => void) => {
        busy.current = false;
        if (missed.current) {
          missed.current = false;
          setRetry((n) => n + 1);
        }
        if (current.current !== path || serial < applied.current) return;
        applied.current = serial;
        next();
      };
      requestJson<T>(path).then(
        (body) =>
          settle(() => {
            data.current = body;
            setState({ status: "ok", data: body });
          }),
        (error: unknown) =>
          settle(() =>
            setState({
              status: "failed",
              data: data.current,
              error: error instanceof Error ? error.message : String(error),
            }),
          ),
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [path, version, refreshMs, retry]);

  return state;
}
