import {
  type AssembledTrace,
  type CompiledFilter,
  compileFilterWithGroups,
  type FilterContext,
  type FilterResult,
  type GroupResolver,
  type ProblemCounts,
  type TraceId,
  type TraceStore,
  type TraceSummary,
} from "@xray-sandbox/segments";
import type { FilterScans } from "./filter-scans.ts";

export type FilterableStore = Pick<TraceStore, "getTrace" | "getSummary" | "peekSummary">;

/**
 * A filter as every query takes it: parsed within MAX_FILTER_CHARS and MAX_FILTER_TERMS, and
 * within MAX_EXPANDED_FILTER_TERMS with the groups it names expanded. A refusal for a limit
 * is counted in `scans` (`/api/stats` `filters.refusedForSize`).
 */
export function compileQueryFilter(
  source: string,
  groups: GroupResolver | undefined,
  scans: FilterScans,
): FilterResult {
  const result = compileFilterWithGroups(source, groups);
  if (!result.ok && result.error.limit !== undefined) scans.refused();
  return result;
}

/**
 * The summary of a stored trace when it matches `filter` (every trace matches no filter),
 * else undefined. The one place a stored trace meets a filter expression, so that
 * `group.name = "g"` resolves the same way in every query, export and live subscription.
 * The filter reads the summary without the trace doctor's counts unless it asks for them
 * (`problems`, `problem`): only a match is diagnosed, and with `peek` not even that (the
 * live stream's batches: their `problems` may be absent).
 */
export function matchingSummary(
  store: FilterableStore,
  id: TraceId,
  filter: CompiledFilter | undefined,
  groups: GroupResolver | undefined,
  peek = false,
): TraceSummary | undefined {
  const peeked = store.peekSummary(id);
  if (!peeked) return undefined;
  // Most keywords are answered by the summary: the trace is assembled only if one asks.
  if (filter && !filter.matches(new StoredTraceContext(store, id, peeked, groups))) {
    return undefined;
  }
  return peek || peeked.problems !== undefined ? peeked : store.getSummary(id);
}

/**
 * A stored trace as a filter sees it: one small object of a fixed shape per trace matched,
 * whose `trace` is assembled only when a keyword the summary cannot answer reads it.
 */
class StoredTraceContext implements FilterContext {
  readonly #store: FilterableStore;
  readonly #id: TraceId;
  readonly summary: TraceSummary;
  readonly group: GroupResolver | undefined;

  constructor(
    store: FilterableStore,
    id: TraceId,
    summary: TraceSummary,
    group: GroupResolver | undefined,
  ) {
    this.#store = store;
    this.#id = id;
    this.summary = summary;
    this.group = group;
  }

  /** The store's diagnosis, kept with the summary until the trace changes. */
  problems(): ProblemCounts | undefined {
    return this.#store.getSummary(this.#id)?.problems;
  }

  get trace(): AssembledTrace {
    const trace = this.#store.getTrace(this.#id);
    if (!trace) throw new Error(`trace ${this.#id} has a summary but no documents`);
    return trace;
  }
}

/**
 * The summaries of `ids` (taken from the store before the call) that match `filter`, in the
 * order of `ids`, matched in slices with the event loop running between them. A trace evicted
 * before its turn is left out.
 */
export function matchingSummaries(
  store: FilterableStore,
  ids: readonly TraceId[],
  filter: CompiledFilter | undefined,
  groups: GroupResolver | undefined,
  scans: FilterScans,
): Promise<TraceSummary[]> {
  return scans.collect(ids, (id) => matchingSummary(store, id, filter, groups));
}
