/**
 * Each view's code is a file of its own, loaded when the view is first shown: a trace opened
 * from a link does not wait for the code of the list, the map, groups or sampling. The page's
 * first script starts loading its own view's file at once (`preloadViewOf`), alongside the
 * app's.
 */

export const loadTracesPage = () => import("../traces/TracesPage.tsx");
export const loadTracePage = () => import("../trace/TracePage.tsx");
export const loadComparePage = () => import("../compare/ComparePage.tsx");
export const loadServiceMapPage = () => import("../map/ServiceMapPage.tsx");
export const loadGroupsPage = () => import("../groups/GroupsPage.tsx");
export const loadSamplingPage = () => import("../sampling/SamplingPage.tsx");
export const loadRejectedPage = () => import("../rejected/RejectedPage.tsx");

/** The loader of the view at `pathname`, as the router maps it; undefined for none. */
export function viewLoaderOf(pathname: string): (() => Promise<unknown>) | undefined {
  const first = pathname.split("/")[1] ?? "";
  switch (first) {
    case "":
      return loadTracesPage;
    case "traces":
      return loadTracePage;
    case "compare":
      return loadComparePage;
    case "map":
      return loadServiceMapPage;
    case "groups":
      return loadGroupsPage;
    case "sampling":
      return loadSamplingPage;
    case "rejected":
      return loadRejectedPage;
    default:
      return undefined;
  }
}

/** Starts loading the code of the view at `pathname`; a failure shows when the view renders. */
export function preloadViewOf(pathname: string): void {
  viewLoaderOf(pathname)?.().catch(() => {});
}
