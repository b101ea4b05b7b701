/** The query string of `/api/traces/query` and `/api/traces/distribution`, checked. */

import {
  decodeQueryCursor,
  type EpochMillis,
  epochMillis,
  HISTOGRAM_SCALES,
  type HistogramScale,
  type QueryCursor,
  type Seconds,
  SORT_ORDERS,
  type SortOrder,
  TRACE_QUERY_BOUNDS,
  TRACE_SORT_KEYS,
  type TraceSortKey,
} from "@xray-sandbox/segments";
import { HttpError } from "../http-error.ts";

/** The selection both routes take, besides `filter` (compiled by the route). */
export interface SelectionParams {
  readonly from: EpochMillis | undefined;
  readonly to: EpochMillis | undefined;
  readonly minResponseTime: Seconds | undefined;
  readonly maxResponseTime: Seconds | undefined;
}

export interface QueryParams extends SelectionParams {
  readonly sort: TraceSortKey;
  readonly order: SortOrder;
  readonly limit: number;
  readonly cursor: QueryCursor | undefined;
}

export interface DistributionParams extends SelectionParams {
  readonly bins: number;
  readonly scale: HistogramScale;
  readonly points: number;
}

const SELECTION_NAMES = ["filter", "from", "to", "minResponseTime", "maxResponseTime"] as const;
export const QUERY_PARAM_NAMES = [...SELECTION_NAMES, "sort", "order", "limit", "cursor"] as const;
export const DISTRIBUTION_PARAM_NAMES = [...SELECTION_NAMES, "bins", "scale", "points"] as const;

type Query = Readonly<Record<string, string>>;

function invalid(name: string, message: string): HttpError {
  return new HttpError(400, "INVALID_PARAMETER", `${name} ${message}`);
}

/** A misspelt parameter would otherwise be ignored silently: `minDuration` is refused by name. */
export function refuseUnknown(query: Query, known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) {
      throw invalid(
        JSON.stringify(name),
        `is not a parameter of this route; it takes ${known.join(", ")}`,
      );
    }
  }
}

function oneOf<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T {
  const text = query[name];
  if (text === undefined || text === "") return fallback;
  if ((values as readonly string[]).includes(text)) return text as T;
  throw invalid(name, `must be one of ${values.join(", ")}, got ${JSON.stringify(text)}`);
}

const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function wholeNumber(query: Query, name: string, min: number, max: number, fallback: number) {
  const text = query[name];
  if (text === undefined || text === "") return fallback;
  const value = DIGITS.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw invalid(
      name,
      `must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

const RELATIVE = /^-(\d+)(s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Epoch milliseconds (digits), an ISO 8601 time with a date, or a time before now (`-5m`,
 * `-1h`, `-30s`, `-2d`): a relative range keeps the same URL while it moves with the clock.
 */
function time(query: Query, name: string, now: number): EpochMillis | undefined {
  const text = query[name];
  if (text === undefined || text === "") return undefined;
  const relative = RELATIVE.exec(text);
  const value = relative
    ? now - Number(relative[1]) * (UNIT_MS[relative[2] ?? "s"] ?? 1000)
    : DIGITS.test(text)
      ? Number(text)
      : /^\d{4}-\d{2}-\d{2}/.test(text)
        ? Date.parse(text)
        : Number.NaN;
  if (!Number.isFinite(value)) {
    throw invalid(
      name,
      `must be a time: epoch milliseconds (e.g. 1767225600000), ISO 8601 (e.g. 2026-01-01T00:00:00Z) or a time before now (e.g. -5m, -1h), got ${JSON.stringify(text)}`,
    );
  }
  return epochMillis(value);
}

function seconds(query: Query, name: string): Seconds | undefined {
  const text = query[name];
  if (text === undefined || text === "") return undefined;
  if (!DECIMAL.test(text)) {
    throw invalid(name, `must be a number of seconds (e.g. 0.25), got ${JSON.stringify(text)}`);
  }
  return Number(text) as Seconds;
}

function selection(query: Query, now: number): SelectionParams {
  const from = time(query, "from", now);
  const to = time(query, "to", now);
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid(
      "from",
      `(${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`,
    );
  }
  const minResponseTime = seconds(query, "minResponseTime");
  const maxResponseTime = seconds(query, "maxResponseTime");
  if (
    minResponseTime !== undefined &&
    maxResponseTime !== undefined &&
    minResponseTime > maxResponseTime
  ) {
    throw invalid(
      "minResponseTime",
      `(${minResponseTime}) is above maxResponseTime (${maxResponseTime})`,
    );
  }
  return { from, to, minResponseTime, maxResponseTime };
}

export function queryParams(query: Query, now: number = Date.now()): QueryParams {
  refuseUnknown(query, QUERY_PARAM_NAMES);
  const sort = oneOf(query, "sort", TRACE_SORT_KEYS, "received");
  const order = oneOf(query, "order", SORT_ORDERS, "desc");
  const limit = wholeNumber(
    query,
    "limit",
    1,
    TRACE_QUERY_BOUNDS.maxLimit,
    TRACE_QUERY_BOUNDS.defaultLimit,
  );
  const text = query.cursor;
  let cursor: QueryCursor | undefined;
  if (text !== undefined && text !== "") {
    if (text.length > TRACE_QUERY_BOUNDS.maxCursorChars) {
      throw new HttpError(
        400,
        "INVALID_CURSOR",
        `cursor is longer than ${TRACE_QUERY_BOUNDS.maxCursorChars} characters; pass the nextCursor of the previous page`,
      );
    }
    const decoded = decodeQueryCursor(text, sort, order);
    if (!decoded.ok) throw new HttpError(400, "INVALID_CURSOR", decoded.message);
    cursor = decoded.cursor;
  }
  return { ...selection(query, now), sort, order, limit, cursor };
}

export function distributionParams(query: Query, now: number = Date.now()): DistributionParams {
  refuseUnknown(query, DISTRIBUTION_PARAM_NAMES);
  return {
    ...selection(query, now),
    bins: wholeNumber(
      query,
      "bins",
      TRACE_QUERY_BOUNDS.minBins,
      TRACE_QUERY_BOUNDS.maxBins,
      TRACE_QUERY_BOUNDS.defaultBins,
    ),
    scale: oneOf(query, "scale", HISTOGRAM_SCALES, "log"),
    points: wholeNumber(
      query,
      "points",
      0,
      TRACE_QUERY_BOUNDS.maxPoints,
      TRACE_QUERY_BOUNDS.defaultPoints,
    ),
  };
}
