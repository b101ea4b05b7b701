/**
 * Find in trace: a case-insensitive text search over each node's name, annotations, metadata,
 * SQL block and URLs. The searchable text is built once per trace; each query is a scan of it.
 */

import type { TraceNode } from "@xray-sandbox/segments";

export type FindField = "name" | "annotations" | "metadata" | "sql" | "url";

/** Each field's text is searched up to this many characters (a huge metadata blob is cut). */
export const FIND_FIELD_LIMIT = 20_000;

export interface FindEntry {
  readonly id: string;
  /** Lower-cased text per field, cut at `FIND_FIELD_LIMIT`. */
  readonly fields: readonly (readonly [FindField, string])[];
}

export interface FindMatch {
  readonly id: string;
  readonly fields: readonly FindField[];
}

export type FindInput = { readonly id: string; readonly name: string; readonly node: TraceNode };

/** The searchable text of every row, in display order. */
export function findIndex(rows: readonly FindInput[]): readonly FindEntry[] {
  return rows.map((row) => {
    const document = row.node.document as Readonly<Record<string, unknown>>;
    const fields: [FindField, string][] = [["name", row.name]];
    const annotations = textOf(document.annotations);
    if (annotations) fields.push(["annotations", annotations]);
    const metadata = textOf(document.metadata);
    if (metadata) fields.push(["metadata", metadata]);
    const sql = textOf(document.sql);
    if (sql) fields.push(["sql", sql]);
    const urls = urlsOf(document);
    if (urls) fields.push(["url", urls]);
    return {
      id: row.id,
      fields: fields.map(([field, text]) => [field, text.slice(0, FIND_FIELD_LIMIT).toLowerCase()]),
    };
  });
}

/** The rows whose text holds `query` (trimmed, any case), in display order; none for "". */
export function findMatches(index: readonly FindEntry[], query: string): readonly FindMatch[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [];
  const matches: FindMatch[] = [];
  for (const entry of index) {
    const fields: FindField[] = [];
    for (const [field, text] of entry.fields) if (text.includes(needle)) fields.push(field);
    if (fields.length > 0) matches.push({ id: entry.id, fields });
  }
  return matches;
}

/** Where the next (or previous) match is from `current`, wrapping around; -1 for none. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Keys and values, as JSON text (keys included so that `user` finds `{ "user": 1 }`). */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

function urlsOf(document: Readonly<Record<string, unknown>>): string {
  const urls: string[] = [];
  const http = document.http;
  if (typeof http === "object" && http !== null && "request" in http) {
    const request: unknown = http.request;
    if (typeof request === "object" && request !== null && "url" in request) {
      if (typeof request.url === "string") urls.push(request.url);
    }
  }
  const sql = document.sql;
  if (typeof sql === "object" && sql !== null && "url" in sql && typeof sql.url === "string") {
    urls.push(sql.url);
  }
  return urls.join("\n");
}
