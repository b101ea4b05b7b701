import type {
  AssembledTrace,
  CompiledFilter,
  FilterContext,
  GroupResolver,
  TraceId,
  TraceStore,
  TraceSummary,
} from "@xray-sandbox/segments";

export type FilterableStore = Pick<TraceStore, "getTrace" | "getSummary">;

/**
 * The summary of a stored trace when it matches `filter` (every trace matches no filter),
 * else undefined. The one place a stored trace meets a filter expression, so that
 * `group.name = "g"` resolves the same way in every query, export and live subscription.
 */
export function matchingSummary(
  store: FilterableStore,
  id: TraceId,
  filter: CompiledFilter | undefined,
  groups: GroupResolver | undefined,
): TraceSummary | undefined {
  const summary = store.getSummary(id);
  if (!summary || !filter) return summary;
  // Most keywords are answered by the summary: the trace is assembled only if one asks.
  const context: FilterContext = {
    get trace(): AssembledTrace {
      const trace = store.getTrace(id);
      if (!trace) throw new Error(`trace ${id} has a summary but no documents`);
      return trace;
    },
    summary,
    ...(groups ? { group: groups } : {}),
  };
  return filter.matches(context) ? summary : undefined;
}
