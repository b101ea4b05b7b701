/** Filters the user applied, newest first, shared by every filter bar of the viewer. */

export const RECENT_FILTERS_KEY = "xray-sandbox.recent-filters";
export const MAX_RECENT_FILTERS = 10;

export type RecentStorage = Pick<Storage, "getItem" | "setItem">;

/** `filter` first, without an earlier copy of it; blank filters are not remembered. */
export function rememberFilter(
  recent: readonly string[],
  filter: string,
  max = MAX_RECENT_FILTERS,
): string[] {
  const trimmed = filter.trim();
  if (trimmed === "") return [...recent];
  return [trimmed, ...recent.filter((item) => item !== trimmed)].slice(0, max);
}

/** What was saved, or nothing when storage is unavailable or holds something else. */
export function loadRecentFilters(storage: RecentStorage | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(RECENT_FILTERS_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((item): item is string => typeof item === "string")
      .slice(0, MAX_RECENT_FILTERS);
  } catch {
    return [];
  }
}

/** Best effort: private windows and full quotas refuse writes, and that is fine. */
export function saveRecentFilters(storage: RecentStorage | undefined, recent: readonly string[]) {
  try {
    storage?.setItem(RECENT_FILTERS_KEY, JSON.stringify(recent));
  } catch {
    // Nothing to do: the list lives on in memory for this page.
  }
}

/** The page's localStorage, when the browser lets us have it. */
export function browserStorage(): RecentStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
