import type {
  ApiErrorBody,
  ClearBody,
  CompiledFilter,
  ExpandedTraceListBody,
  FilterError,
  GroupResolver,
  SegmentEntry,
  SegmentListBody,
  TraceDetailBody,
  TraceId,
  TraceListBody,
  TraceStore,
  TraceSummary,
} from "@xray-sandbox/segments";
import { type Context, Hono } from "hono";
import { FilterScans } from "../../filter-scans.ts";
import { compileQueryFilter, matchingSummaries } from "../../trace-filter.ts";
import { HttpError } from "../http-error.ts";
import { jsonBody, jsonText } from "../json-body.ts";
import { segmentEntries, traceDetail } from "./trace-bodies.ts";
import { TraceBodyCache } from "./trace-body-cache.ts";
import { traceIdParam } from "./trace-id-param.ts";
import { decodeCursor, encodeCursor, idsAfter, parseFlag, parseLimit } from "./trace-paging.ts";

export interface TracesDeps {
  readonly store: TraceStore;
  /** Resolves `group.name = "g"` in filters. */
  readonly groupResolver?: GroupResolver;
  /** Runs filters over the store in slices, and counts them; a fresh one unless given. */
  readonly filterScans?: FilterScans;
  /** The written bodies of `GET /api/traces/:id`, reused while a trace is unchanged. */
  readonly traceBodies?: TraceBodyCache;
}

const TRACE_LIMIT = { defaultValue: 100, max: 1000 } as const;
/**
 * Nodes a page of `GET /api/segments` holds. Each carries its whole document, so a page costs
 * in proportion: 2000 keep one answer around a tenth of a second and 2 MB; the cursor reads on.
 */
const SEGMENT_LIMIT = { defaultValue: 1000, max: 2000 } as const;

/**
 * Trace queries for people and test helpers: `filter` is an X-Ray filter expression, applied
 * to whole traces as the X-Ray console applies it.
 */
export function tracesRoutes({
  store,
  groupResolver,
  filterScans = new FilterScans(),
  traceBodies = new TraceBodyCache(),
}: TracesDeps): Hono {
  /** Newest first; a filter runs in slices, serving other requests between them. */
  const matchingIds = async (filter: CompiledFilter | undefined): Promise<TraceId[]> => {
    const ids = store.traceIds();
    if (!filter) return ids;
    const matching = await matchingSummaries(store, ids, filter, groupResolver, filterScans);
    return matching.map((summary) => summary.id);
  };
  const filterOf = (
    c: Context,
  ): { ok: true; filter: CompiledFilter | undefined } | { ok: false; error: FilterError } => {
    const source = c.req.query("filter");
    if (source === undefined || source.trim() === "") return { ok: true, filter: undefined };
    return compileQueryFilter(source, groupResolver, filterScans);
  };

  return new Hono()
    .get("/traces", async (c) => {
      const filter = filterOf(c);
      if (!filter.ok) return c.json(invalidFilter(filter.error), 400);
      const limit = parseLimit(c.req.query("limit"), TRACE_LIMIT);
      const expand = parseFlag("expand", c.req.query("expand"));
      const ids = await matchingIds(filter.filter);
      const after = idsAfter(ids, decodeCursor(c.req.query("cursor")));
      const page = after.slice(0, limit);
      const last = page.at(-1);
      const paging = {
        ...(after.length > page.length && last ? { nextCursor: encodeCursor(last) } : {}),
        total: ids.length,
      };
      if (expand) {
        const body: ExpandedTraceListBody = {
          traces: page.flatMap((id) => detailOf(store, id) ?? []),
          ...paging,
        };
        return jsonBody(c, body);
      }
      const body: TraceListBody = { traces: summariesOf(store, page), ...paging };
      return c.json(body);
    })
    .get("/traces/:id", (c) => {
      const id = traceIdParam(c.req.param("id"));
      const trace = store.getTrace(id);
      const summary = store.getSummary(id);
      if (!trace || !summary) {
        throw new HttpError(
          404,
          "TRACE_NOT_FOUND",
          `no trace ${id} in the store: it has not arrived, or it was evicted or cleared (GET /api/stats counts evictions, GET /api/rejected lists refused datagrams)`,
        );
      }
      const bytes = traceBodies.body(id, trace, summary, () =>
        jsonText(traceDetail(trace, summary)),
      );
      return c.body(bytes, 200, { "Content-Type": "application/json" });
    })
    .delete("/traces", (c) => {
      const body: ClearBody = { removed: store.traceIds().length };
      store.clear();
      return c.json(body);
    })
    .get("/segments", async (c) => {
      const filter = filterOf(c);
      if (!filter.ok) return c.json(invalidFilter(filter.error), 400);
      const limit = parseLimit(c.req.query("limit"), SEGMENT_LIMIT);
      const ids = await matchingIds(filter.filter);
      const after = idsAfter(ids, decodeCursor(c.req.query("cursor")));
      const segments: SegmentEntry[] = [];
      let taken = 0;
      for (const id of after) {
        const entries = segmentsOf(store, id);
        if (segments.length > 0 && segments.length + entries.length > limit) break;
        segments.push(...entries);
        taken++;
      }
      const last = after[taken - 1];
      const body: SegmentListBody = {
        segments,
        ...(taken < after.length && last ? { nextCursor: encodeCursor(last) } : {}),
        total: nodeCount(store, ids),
      };
      return c.json(body);
    });
}

function invalidFilter(error: FilterError): ApiErrorBody {
  return { error: { code: "INVALID_FILTER", ...error } };
}

function detailOf(store: TraceStore, id: TraceId): TraceDetailBody | undefined {
  const trace = store.getTrace(id);
  const summary = store.getSummary(id);
  return trace && summary ? traceDetail(trace, summary) : undefined;
}

function summariesOf(store: TraceStore, ids: readonly TraceId[]): TraceSummary[] {
  return ids.flatMap((id) => store.getSummary(id) ?? []);
}

function segmentsOf(store: TraceStore, id: TraceId): SegmentEntry[] {
  const trace = store.getTrace(id);
  return trace ? segmentEntries(trace) : [];
}

function nodeCount(store: TraceStore, ids: readonly TraceId[]): number {
  let count = 0;
  for (const id of ids) {
    const summary = store.getSummary(id);
    if (summary) count += summary.segmentCount + summary.subsegmentCount;
  }
  return count;
}
