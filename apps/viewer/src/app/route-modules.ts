/**
 * Each view's code is a file of its own, loaded when the view is first shown: a trace opened
 * from a link does not wait for the code of the list, the map, groups or sampling. The page's
 * first script starts loading its own view's file at once (`preloadViewOf`), alongside the
 * app's. Each file is asked for once; its promise says when it has arrived (`status`, as
 * React's `use` reads it), so a view whose code is already here renders without a fallback.
 */

/** A promise that records its outcome on itself, the way React's `use` reads it. */
export type TrackedPromise<T> = Promise<T> & {
  status?: "pending" | "fulfilled" | "rejected";
  value?: T;
  reason?: unknown;
};

function once<T>(load: () => Promise<T>): () => TrackedPromise<T> {
  let promise: TrackedPromise<T> | undefined;
  return () => {
    if (promise) return promise;
    const tracked: TrackedPromise<T> = load();
    tracked.status = "pending";
    tracked.then(
      (value) => {
        tracked.status = "fulfilled";
        tracked.value = value;
      },
      (reason: unknown) => {
        tracked.status = "rejected";
        tracked.reason = reason;
      },
    );
    promise = tracked;
    return tracked;
  };
}

export const loadTracesPage = once(() => import("../traces/TracesPage.tsx"));
export const loadTracePage = once(() => import("../trace/TracePage.tsx"));
export const loadComparePage = once(() => import("../compare/ComparePage.tsx"));
export const loadServiceMapPage = once(() => import("../map/ServiceMapPage.tsx"));
export const loadGroupsPage = once(() => import("../groups/GroupsPage.tsx"));
export const loadSamplingPage = once(() => import("../sampling/SamplingPage.tsx"));
export const loadRejectedPage = once(() => import("../rejected/RejectedPage.tsx"));

/** Each view's loader, by the first part of its path, as the router maps them. */
const VIEW_LOADERS = new Map<string, () => Promise<unknown>>([
  ["", loadTracesPage],
  ["traces", loadTracePage],
  ["compare", loadComparePage],
  ["map", loadServiceMapPage],
  ["groups", loadGroupsPage],
  ["sampling", loadSamplingPage],
  ["rejected", loadRejectedPage],
]);

/** The loader of the view at `pathname`, as the router maps it; undefined for none. */
export function viewLoaderOf(pathname: string): (() => Promise<unknown>) | undefined {
  return VIEW_LOADERS.get(pathname.split("/")[1] ?? "");
}

/**
 * Starts loading the code of the view at `pathname`; settles once it has arrived or failed (a
 * failure shows when the view renders).
 */
export function preloadViewOf(pathname: string): Promise<void> {
  const loader = viewLoaderOf(pathname);
  return loader ? loader().then(ignore, ignore) : Promise.resolve();
}

function ignore(): void {}

/**
 * Starts loading every view's code (each at most once). A view whose code is here when it is
 * opened renders at once; one still loading shows its fallback, and React then holds the view
 * back for a moment (its fallback throttle) even after the code has arrived.
 */
export function preloadEveryView(): void {
  for (const load of VIEW_LOADERS.values()) load().then(ignore, ignore);
}
