/**
 * How the trace list is ordered and which received-time range it shows, as kept in the URL
 * (`?sort=&order=&range=&from=&to=`), and the daemon query strings that ask for it.
 */

import {
  SORT_ORDERS,
  type SortOrder,
  TRACE_SORT_KEYS,
  type TraceSortKey,
} from "@xray-sandbox/segments";

export const TIME_RANGES = ["all", "5m", "15m", "1h", "custom"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const TIME_RANGE_LABELS: Readonly<Record<TimeRange, string>> = {
  all: "Everything kept",
  "5m": "Last 5 minutes",
  "15m": "Last 15 minutes",
  "1h": "Last hour",
  custom: "Custom range",
};

/** The daemon's `from=` for a relative range: a time before now, so the URL stays the same. */
const RANGE_FROM: Readonly<Record<"5m" | "15m" | "1h", string>> = {
  "5m": "-5m",
  "15m": "-15m",
  "1h": "-1h",
};

export interface ListQuery {
  readonly sort: TraceSortKey;
  readonly order: SortOrder;
  readonly range: TimeRange;
  /** A custom range's ends as the URL holds them (`2026-12-06T23:00`, local time). */
  readonly from: string | undefined;
  readonly to: string | undefined;
}

export const DEFAULT_LIST_QUERY: ListQuery = {
  sort: "received",
  order: "desc",
  range: "all",
  from: undefined,
  to: undefined,
};

function oneOf<T extends string>(value: string | null, values: readonly T[], fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readListQuery(params: URLSearchParams): ListQuery {
  return {
    sort: oneOf(params.get("sort"), TRACE_SORT_KEYS, "received"),
    order: oneOf(params.get("order"), SORT_ORDERS, "desc"),
    range: oneOf(params.get("range"), TIME_RANGES, "all"),
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
}

/** `params` with the list query written in; defaults are left out of the URL. */
export function writeListQuery(params: URLSearchParams, query: ListQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | undefined, fallback: string | undefined) => {
    if (value === undefined || value === fallback) next.delete(name);
    else next.set(name, value);
  };
  set("sort", query.sort, DEFAULT_LIST_QUERY.sort);
  set("order", query.order, DEFAULT_LIST_QUERY.order);
  set("range", query.range, DEFAULT_LIST_QUERY.range);
  set("from", query.range === "custom" ? query.from : undefined, undefined);
  set("to", query.range === "custom" ? query.to : undefined, undefined);
  return next;
}

/** The live list shows exactly this: every kept trace, newest first. */
export function isLiveOrder(query: ListQuery): boolean {
  return query.sort === "received" && query.order === "desc" && query.range === "all";
}

/** The first order a column sorts in when chosen: slowest, biggest, newest first. */
export function nextSort(query: ListQuery, sort: TraceSortKey): ListQuery {
  if (query.sort !== sort) return { ...query, sort, order: sort === "services" ? "asc" : "desc" };
  return { ...query, order: query.order === "desc" ? "asc" : "desc" };
}

/** Epoch milliseconds of a `datetime-local` value, or undefined when it is not one. */
export function localTime(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const value = new Date(text).getTime();
  return Number.isFinite(value) ? value : undefined;
}

/** The daemon's `from=` and `to=` for the range, or why a custom one is not usable. */
export function receivedBounds(
  query: ListQuery,
): { from?: string; to?: string } | { problem: string } {
  if (query.range === "all") return {};
  if (query.range !== "custom") return { from: RANGE_FROM[query.range] };
  const from = localTime(query.from);
  const to = localTime(query.to);
  if (query.from && from === undefined)
    return { problem: `"${query.from}" is not a date and time` };
  if (query.to && to === undefined) return { problem: `"${query.to}" is not a date and time` };
  if (from !== undefined && to !== undefined && from > to) {
    return { problem: "the range starts after it ends" };
  }
  return {
    ...(from !== undefined ? { from: String(from) } : {}),
    // A datetime-local minute or second includes all of it.
    ...(to !== undefined ? { to: String(to + (query.to?.length === 16 ? 59_999 : 999)) } : {}),
  };
}

/** The selection part of `/api/traces/query` and `/api/traces/distribution`. */
export function selectionParams(
  filter: string | null,
  bounds: { from?: string; to?: string },
): URLSearchParams {
  const params = new URLSearchParams();
  if (filter !== null && filter.trim() !== "") params.set("filter", filter);
  if (bounds.from !== undefined) params.set("from", bounds.from);
  if (bounds.to !== undefined) params.set("to", bounds.to);
  return params;
}
