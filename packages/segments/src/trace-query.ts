/**
 * Sorting and paging over trace summaries, without I/O: the daemon feeds it every kept trace
 * (in slices) and gets one page back. Paging is by key, not by offset: a cursor names the
 * sort value and id of the last row handed out, so traces arriving between pages land in
 * their own place and never shift what follows.
 */

import type { TraceSummary } from "./trace.ts";
import type { SortOrder, TraceSelection, TraceSortKey } from "./trace-query-contract.ts";
import { isTraceId, type TraceId } from "./units.ts";

/** A summary's value for a sort key; undefined sorts after every value in both orders. */
export type SortValue = number | string | undefined;

/** Where the page before ended: the last row's sort value and trace id. */
export interface QueryCursor {
  readonly sort: TraceSortKey;
  readonly order: SortOrder;
  readonly value: SortValue;
  readonly id: TraceId;
}

export function sortValueOf(summary: TraceSummary, sort: TraceSortKey): SortValue {
  switch (sort) {
    case "received":
      return summary.firstReceivedAt;
    case "responsetime":
      return summary.responseTime;
    case "status":
      return summary.http?.status;
    case "services":
      return summary.services.length === 0
        ? undefined
        : summary.services.map((service) => service.name).join(", ");
    case "size":
      return summary.bytes;
  }
}

function compareValues(a: SortValue, b: SortValue, order: SortOrder): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const ascending = a < b ? -1 : a > b ? 1 : 0;
  return order === "asc" ? ascending : -ascending;
}

function compareIds(a: TraceId, b: TraceId, order: SortOrder): number {
  if (a === b) return 0;
  const ascending = a < b ? -1 : 1;
  return order === "asc" ? ascending : -ascending;
}

/** A row of a page while it is built: the value is read once. */
interface Ranked {
  readonly value: SortValue;
  readonly id: TraceId;
  readonly summary: TraceSummary;
}

/** Negative when `a` comes first. Ties on the value are broken by id, in the same order. */
export function compareRanked(
  a: { readonly value: SortValue; readonly id: TraceId },
  b: { readonly value: SortValue; readonly id: TraceId },
  order: SortOrder,
): number {
  return compareValues(a.value, b.value, order) || compareIds(a.id, b.id, order);
}

/** Whether a summary is inside the selection's time range and response-time bounds. */
export function inSelection(summary: TraceSummary, selection: TraceSelection): boolean {
  const { from, to, minResponseTime, maxResponseTime } = selection;
  if (from !== undefined && summary.firstReceivedAt < from) return false;
  if (to !== undefined && summary.firstReceivedAt > to) return false;
  if (minResponseTime !== undefined || maxResponseTime !== undefined) {
    const time = summary.responseTime;
    if (time === undefined) return false;
    if (minResponseTime !== undefined && time < minResponseTime) return false;
    if (maxResponseTime !== undefined && time > maxResponseTime) return false;
  }
  return true;
}

/**
 * Collects the first `limit` summaries after `cursor` in sort order from summaries offered in
 * any order, keeping only `limit + 1` of them at a time (a binary max-heap on the order), so
 * a page of 100 out of 100,000 traces costs a comparison or two per trace.
 */
export class PageCollector {
  readonly sort: TraceSortKey;
  readonly order: SortOrder;
  readonly #keep: number;
  readonly #after: QueryCursor | undefined;
  /** The rows kept, as a heap whose top is the row that comes last. */
  readonly #heap: Ranked[] = [];
  #matched = 0;

  constructor(sort: TraceSortKey, order: SortOrder, limit: number, after?: QueryCursor) {
    if (!(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`limit must be a whole number above 0, got ${limit}`);
    }
    if (after && (after.sort !== sort || after.order !== order)) {
      throw new RangeError(
        `the cursor was made for sort=${after.sort}&order=${after.order}, not sort=${sort}&order=${order}`,
      );
    }
    this.sort = sort;
    this.order = order;
    this.#keep = limit + 1;
    this.#after = after;
  }

  /** Counts the summary as matching, and keeps it when it belongs on the page. */
  offer(summary: TraceSummary): void {
    this.#matched++;
    const value = sortValueOf(summary, this.sort);
    const id = summary.id;
    const order = this.order;
    const after = this.#after;
    // Compared before a row is made: most traces of a big store are turned away here.
    if (
      after &&
      (compareValues(value, after.value, order) || compareIds(id, after.id, order)) <= 0
    ) {
      return;
    }
    const heap = this.#heap;
    if (heap.length < this.#keep) {
      heap.push({ value, id, summary });
      this.#up(heap.length - 1);
      return;
    }
    const last = heap[0];
    if (last === undefined) return;
    if ((compareValues(value, last.value, order) || compareIds(id, last.id, order)) >= 0) return;
    heap[0] = { value, id, summary };
    this.#down(0);
  }

  /** Summaries offered so far, whether or not they made the page. */
  get matched(): number {
    return this.#matched;
  }

  /** The page in order, and the cursor of its last row when more rows follow it. */
  page(): { readonly traces: TraceSummary[]; readonly next: QueryCursor | undefined } {
    const rows = [...this.#heap].sort((a, b) => compareRanked(a, b, this.order));
    const more = rows.length === this.#keep;
    if (more) rows.pop();
    const last = rows.at(-1);
    return {
      traces: rows.map((row) => row.summary),
      next:
        more && last
          ? { sort: this.sort, order: this.order, value: last.value, id: last.id }
          : undefined,
    };
  }

  /** Whether the row at `a` comes after the row at `b` (the heap keeps the last on top). */
  #later(a: number, b: number): boolean {
    const heap = this.#heap;
    return compareRanked(heap[a] as Ranked, heap[b] as Ranked, this.order) > 0;
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    const held = heap[a] as Ranked;
    heap[a] = heap[b] as Ranked;
    heap[b] = held;
  }

  #up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.#later(child, parent)) return;
      this.#swap(child, parent);
      child = parent;
    }
  }

  #down(index: number): void {
    const size = this.#heap.length;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let latest = parent;
      if (left < size && this.#later(left, latest)) latest = left;
      if (right < size && this.#later(right, latest)) latest = right;
      if (latest === parent) return;
      this.#swap(parent, latest);
      parent = latest;
    }
  }
}

const CURSOR_VERSION = "q1";

/**
 * The cursor as clients see it: opaque text (hex of a small JSON array), checked in full when
 * it comes back.
 */
export function encodeQueryCursor(cursor: QueryCursor): string {
  const json = JSON.stringify([
    CURSOR_VERSION,
    cursor.sort,
    cursor.order,
    cursor.value ?? null,
    cursor.id,
  ]);
  let hex = "";
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    // Service names may hold any character: those past one byte are written \uXXXX.
    hex += code < 0x80 ? code.toString(16).padStart(2, "0") : escapeWide(code);
  }
  return hex;
}

function escapeWide(code: number): string {
  let out = "";
  for (const char of `\\u${code.toString(16).padStart(4, "0")}`) {
    out += char.charCodeAt(0).toString(16).padStart(2, "0");
  }
  return out;
}

const HEX = /^(?:[0-9a-f]{2})+$/;

/**
 * The cursor `text` names, or why it is not one this code handed out for `sort` and `order`.
 */
export function decodeQueryCursor(
  text: string,
  sort: TraceSortKey,
  order: SortOrder,
): { ok: true; cursor: QueryCursor } | { ok: false; message: string } {
  const invalid = {
    ok: false as const,
    message: "cursor is not one this daemon handed out; pass the nextCursor of the previous page",
  };
  if (!HEX.test(text)) return invalid;
  let json = "";
  for (let i = 0; i < text.length; i += 2) {
    json += String.fromCharCode(Number.parseInt(text.slice(i, i + 2), 16));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== CURSOR_VERSION) {
    return invalid;
  }
  const [, cursorSort, cursorOrder, value, id] = parsed as unknown[];
  if (!isTraceId(id)) return invalid;
  if (cursorSort !== sort || cursorOrder !== order) {
    return {
      ok: false,
      message: `cursor was handed out for sort=${String(cursorSort)}&order=${String(cursorOrder)}; pass the same sort and order as the page it came with, or no cursor to start over`,
    };
  }
  const numeric = sort !== "services";
  const valueOk =
    value === null ||
    (numeric ? typeof value === "number" && Number.isFinite(value) : typeof value === "string");
  if (!valueOk) return invalid;
  return {
    ok: true,
    cursor: { sort, order, value: value === null ? undefined : (value as number | string), id },
  };
}
