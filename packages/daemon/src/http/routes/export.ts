import {
  type CompiledFilter,
  type GroupResolver,
  isTraceId,
  type TraceId,
  type TraceStore,
} from "@xray-sandbox/segments";
import { Hono } from "hono";
import { exportStream } from "../../export/export-stream.ts";
import { FilterScans } from "../../filter-scans.ts";
import { compileQueryFilter } from "../../trace-filter.ts";
import { HttpError } from "../http-error.ts";

export interface ExportDeps {
  readonly store: Pick<TraceStore, "getTrace" | "getSummary" | "peekSummary" | "traceIds" | "has">;
  /** Resolves `group.name = "x"` in the filter. */
  readonly groupResolver?: GroupResolver;
  readonly now?: () => Date;
  /** Runs the filter over the store in slices; a fresh one unless given. */
  readonly filterScans?: FilterScans;
}

/**
 * `GET /api/export?filter=…` or `?id=<trace id>`: the stored documents as NDJSON segment
 * records (`{"v":1,"receivedAt":…,"traceId":…,"doc":…}` a line), traces oldest first.
 */
export function exportRoutes({
  store,
  groupResolver,
  now = () => new Date(),
  filterScans = new FilterScans(),
}: ExportDeps): Hono {
  return new Hono().get("/export", (c) => {
    const id = c.req.query("id");
    const source = c.req.query("filter");
    const hasFilter = source !== undefined && source.trim() !== "";
    if (id !== undefined && hasFilter) {
      throw new HttpError(400, "INVALID_PARAMETER", "give filter or id, not both");
    }
    let traceIds: readonly TraceId[];
    if (id === undefined) {
      traceIds = store.traceIds().reverse();
    } else {
      if (!isTraceId(id)) {
        throw new HttpError(
          400,
          "INVALID_PARAMETER",
          `id ${JSON.stringify(id)} is not a trace id (expected 1-<8 hex digits>-<24 hex digits>)`,
        );
      }
      if (!store.has(id)) {
        throw new HttpError(
          404,
          "TRACE_NOT_FOUND",
          `no trace ${id} in the store: it has not arrived, or it was evicted or cleared`,
        );
      }
      traceIds = [id];
    }
    let filter: CompiledFilter | undefined;
    if (hasFilter) {
      const compiled = compileQueryFilter(source, groupResolver, filterScans);
      if (!compiled.ok) {
        return c.json({ error: { code: "INVALID_FILTER", ...compiled.error } }, 400);
      }
      filter = compiled.filter;
    }
    const body = exportStream(store, { traceIds, filter, groups: groupResolver }, filterScans);
    return new Response(body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName(now())}"`,
        "cache-control": "no-store",
      },
    });
  });
}

/** `xray-sandbox-2026-01-31T12-00-00Z.ndjson`: UTC, no colons (not allowed in Windows names). */
function exportFileName(at: Date): string {
  return `xray-sandbox-${at.toISOString().slice(0, 19).replaceAll(":", "-")}Z.ndjson`;
}
