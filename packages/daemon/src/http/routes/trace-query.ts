import {
  type ApiErrorBody,
  type CompiledFilter,
  DistributionCollector,
  encodeQueryCursor,
  type GroupResolver,
  inSelection,
  PageCollector,
  type TraceDistributionBody,
  type TraceQueryBody,
  type TraceSelection,
  type TraceStore,
  type TraceSummary,
} from "@xray-sandbox/segments";
import { type Context, Hono } from "hono";
import { FilterScans } from "../../filter-scans.ts";
import { compileQueryFilter, matchingSummary } from "../../trace-filter.ts";
import { distributionParams, queryParams } from "./trace-query-params.ts";

export interface TraceQueryDeps {
  readonly store: TraceStore;
  readonly groupResolver?: GroupResolver;
  readonly filterScans?: FilterScans;
}

/**
 * `GET /api/traces/query` and `GET /api/traces/distribution`: sorted pages and the
 * response-time distribution of every kept trace (not only the newest the viewer holds). The
 * scan runs in slices (`FilterScans`), the event loop serving UDP and other requests between
 * them; the page is kept in a heap of `limit + 1` rows, so no sort of the whole store happens.
 * Mounted before `/api/traces/:id`.
 */
export function traceQueryRoutes({
  store,
  groupResolver,
  filterScans = new FilterScans(),
}: TraceQueryDeps): Hono {
  const compile = (c: Context): CompiledFilter | undefined | ApiErrorBody => {
    const source = c.req.query("filter");
    if (source === undefined || source.trim() === "") return undefined;
    const result = compileQueryFilter(source, groupResolver, filterScans);
    return result.ok ? result.filter : { error: { code: "INVALID_FILTER", ...result.error } };
  };
  /** Calls `take` with every kept trace in the selection; resolves with how many were looked at. */
  const scan = async (
    filter: CompiledFilter | undefined,
    selection: TraceSelection,
    take: (summary: TraceSummary) => void,
  ): Promise<number> => {
    const ids = store.traceIds();
    await filterScans.collect(ids, (id) => {
      const summary = matchingSummary(store, id, filter, groupResolver);
      if (summary && inSelection(summary, selection)) take(summary);
      return undefined;
    });
    return ids.length;
  };

  return new Hono()
    .get("/traces/query", async (c) => {
      const params = queryParams(c.req.query());
      const filter = compile(c);
      if (isError(filter)) return c.json(filter, 400);
      const collector = new PageCollector(params.sort, params.order, params.limit, params.cursor);
      const scanned = await scan(filter, params, (summary) => collector.offer(summary));
      const { traces, next } = collector.page();
      const body: TraceQueryBody = {
        traces,
        ...(next ? { nextCursor: encodeQueryCursor(next) } : {}),
        total: collector.matched,
        scanned,
        sort: params.sort,
        order: params.order,
      };
      return c.json(body);
    })
    .get("/traces/distribution", async (c) => {
      const params = distributionParams(c.req.query());
      const filter = compile(c);
      if (isError(filter)) return c.json(filter, 400);
      const collector = new DistributionCollector(store.stats().traces);
      let total = 0;
      const scanned = await scan(filter, params, (summary) => {
        total++;
        collector.offer(summary);
      });
      const result = collector.result(params);
      const body: TraceDistributionBody = {
        total,
        timed: result.timed,
        scanned,
        scale: params.scale,
        bins: result.bins,
        ...(result.percentiles ? { percentiles: result.percentiles } : {}),
        ...(result.min !== undefined ? { min: result.min } : {}),
        ...(result.max !== undefined ? { max: result.max } : {}),
        points: result.points,
        pointsSampled: result.pointsSampled,
      };
      return c.json(body);
    });
}

function isError(value: CompiledFilter | undefined | ApiErrorBody): value is ApiErrorBody {
  return value !== undefined && "error" in value;
}
