/**
 * `GetTimeSeriesServiceStatistics`: one entry per `Period` from `StartTime` to `EndTime`,
 * each the statistics of the selected service or edge (see `parseEntitySelector`) over the
 * traces that started in that period, optionally of one group. Periods with no traffic are
 * zeros, so a chart has every point. Traces that did not start in the range are skipped from
 * the store's index; the rest are assembled and added to their period's graph one at a time,
 * in slices (see `forEachGraphTrace`). Forecasts (`ForecastStatistics`) need AWS's models and
 * are left out.
 */

import {
  type EpochSeconds,
  entityStatistics,
  epochSeconds,
  parseEntitySelector,
  ServiceGraphBuilder,
  storedTraceSpan,
} from "@xray-sandbox/segments";
import { forEachGraphTrace } from "./graph-traces.ts";
import { RequestFields } from "./request-fields.ts";
import { groupFilter, readWindowAndGroup } from "./service-graph-operation.ts";
import { defineOperation } from "./xray-operation.ts";

export const DEFAULT_PERIOD_SECONDS = 60;
/** Periods in one answer: a day of minutes. */
export const MAX_PERIODS = 1_440;
const MAX_SELECTOR_LENGTH = 500;

export const getTimeSeriesServiceStatistics = defineOperation({
  name: "GetTimeSeriesServiceStatistics",
  path: "/TimeSeriesServiceStatistics",
  read(body) {
    const fields = new RequestFields(body);
    const { start, end, group } = readWindowAndGroup(fields);
    const period = fields.optionalWholeNumber("Period", 60, 86_400) ?? DEFAULT_PERIOD_SECONDS;
    if (period !== 60 && period % 300 !== 0) {
      fields.problem(`Period must be 60 or a multiple of 300 seconds, got ${period}`);
    }
    if ((end - start) / period > MAX_PERIODS) {
      fields.problem(
        `StartTime to EndTime spans more than ${MAX_PERIODS} periods of ${period} s; ask for a longer Period or a shorter range`,
      );
    }
    fields.optionalBoolean("ForecastStatistics");
    const selected = parseEntitySelector(
      fields.optionalString("EntitySelectorExpression", MAX_SELECTOR_LENGTH),
    );
    if (!selected.ok) fields.problem(selected.message);
    return fields.result({
      start,
      end,
      group,
      period,
      selector: selected.ok ? selected.selector : ({ kind: "clients" } as const),
    });
  },
  async run({ start, end, group, period, selector }, deps, signal) {
    const first = Math.floor(start / period) * period;
    const buckets = new Map<number, ServiceGraphBuilder>();
    await forEachGraphTrace(
      deps,
      groupFilter(deps, group),
      // A trace's start (its summary's) is its segments' earliest; one with no timed segment
      // adds nothing to a graph.
      (documents) => {
        const span = storedTraceSpan(documents);
        return span.start <= span.end && span.start >= start && span.start <= end;
      },
      (trace) => {
        const traceStart = deps.store.getSummary(trace.id)?.startTime;
        if (traceStart === undefined || traceStart < start || traceStart > end) return;
        const bucket = Math.floor(traceStart / period) * period;
        const builder = buckets.get(bucket) ?? new ServiceGraphBuilder();
        buckets.set(bucket, builder);
        builder.add(trace);
      },
      signal,
    );
    const series = [];
    for (let time = first; time <= end; time += period) {
      const graph = (buckets.get(time) ?? new ServiceGraphBuilder()).finish();
      const { kind, statistics, histogram } = entityStatistics(graph, selector);
      series.push({
        Timestamp: epochSeconds(time) satisfies EpochSeconds,
        [kind === "service" ? "ServiceSummaryStatistics" : "EdgeSummaryStatistics"]: statistics,
        ResponseTimeHistogram: histogram,
      });
    }
    return { TimeSeriesServiceStatistics: series, ContainsOldGroupVersions: false };
  },
});
