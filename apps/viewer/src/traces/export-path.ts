/** `GET /api/export`: the documents of the traces matching `filter`, as NDJSON. */
export function exportPath(filter: string | null): string {
  return filter === null ? "/api/export" : `/api/export?${new URLSearchParams({ filter })}`;
}
