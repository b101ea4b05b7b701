import {
  type CompiledFilter,
  type EpochSeconds,
  epochSeconds,
  type GroupResolver,
  millisToSeconds,
  type TraceSummary,
  traceIdEpoch,
} from "@xray-sandbox/segments";
import type { FilterScans } from "../filter-scans.ts";
import { compileQueryFilter, matchingSummary } from "../trace-filter.ts";
import { decodePageToken, encodePageToken, type PagePosition } from "./page-token.ts";
import { type Checked, RequestFields } from "./request-fields.ts";
import { toXRayTraceSummary } from "./trace-summary-shape.ts";
import { invalidRequest } from "./xray-api-error.ts";
import { defineOperation, type XRayApiDeps } from "./xray-operation.ts";

export const TRACE_SUMMARIES_PAGE_SIZE = 100;

const TIME_RANGE_TYPES = ["TraceId", "Event", "Service"] as const;
type TimeRangeType = (typeof TIME_RANGE_TYPES)[number];
const STRATEGIES = ["PartialScan", "FixedRate"] as const;

interface Input {
  readonly start: EpochSeconds;
  readonly end: EpochSeconds;
  readonly rangeType: TimeRangeType;
  readonly filter: string | undefined;
  /** Share of traces returned (FixedRate sampling), 1 for all. */
  readonly sampleRate: number;
  readonly nextToken: string | undefined;
}

export function readGetTraceSummaries(body: unknown): Checked<Input> {
  const fields = new RequestFields(body);
  const start = fields.requiredEpochSeconds("StartTime");
  const end = fields.requiredEpochSeconds("EndTime");
  if (end < start) fields.problem("EndTime must not be before StartTime");
  const rangeType = fields.optionalEnum("TimeRangeType", TIME_RANGE_TYPES) ?? "TraceId";
  const filter = fields.optionalString("FilterExpression");
  const sampling = fields.optionalBoolean("Sampling") ?? false;
  const strategy = new RequestFields(fields.optionalObject("SamplingStrategy") ?? {});
  const strategyName = strategy.optionalEnum("Name", STRATEGIES);
  const strategyValue = strategy.optionalNumber("Value", 0, 1);
  const strategyCheck = strategy.result(null);
  if (!strategyCheck.ok) fields.problem(`SamplingStrategy.${strategyCheck.message}`);
  return fields.result({
    start,
    end,
    rangeType,
    filter: filter === undefined || filter.trim() === "" ? undefined : filter,
    sampleRate: sampling && strategyName === "FixedRate" ? (strategyValue ?? 1) : 1,
    nextToken: fields.optionalString("NextToken"),
  });
}

interface Match {
  readonly time: number;
  readonly summary: TraceSummary;
}

/**
 * The traces whose time (by `TimeRangeType`) falls in `[StartTime, EndTime]` and that match
 * the filter, newest first, a page at a time. The store's trace ids are taken when the call
 * starts; the filter runs over them in slices, the event loop serving other requests and
 * received datagrams between slices, and a trace evicted before its turn is left out.
 */
export const getTraceSummaries = defineOperation({
  name: "GetTraceSummaries",
  path: "/TraceSummaries",
  read: readGetTraceSummaries,
  async run(input, { store, groups, pageSize, filterScans, rootCauses }: XRayApiDeps) {
    const filter = compiled(input.filter, groups.resolve, filterScans);
    const query = JSON.stringify([
      input.start,
      input.end,
      input.rangeType,
      input.filter,
      input.sampleRate,
    ]);
    const after = input.nextToken === undefined ? undefined : position(query, input.nextToken);

    let processed = 0;
    const matches = await filterScans.collect(store.traceIds(), (id): Match | undefined => {
      const summary = store.getSummary(id);
      if (summary === undefined) return undefined;
      const time = rangeTime(summary, input.rangeType);
      if (time < input.start || time > input.end) return undefined;
      processed++;
      if (!sampled(id, input.sampleRate)) return undefined;
      if (after !== undefined && !isAfter({ time, id }, after)) return undefined;
      if (filter !== undefined && !matchingSummary(store, id, filter, groups.resolve)) {
        return undefined;
      }
      return { time, summary };
    });
    matches.sort((a, b) => compareNewestFirst(a.time, a.summary.id, b.time, b.summary.id));

    const page = matches.slice(0, pageSize);
    const last = page.at(-1);
    return {
      TraceSummaries: page.flatMap(({ summary }) => {
        const trace = store.getTrace(summary.id);
        return trace === undefined ? [] : [toXRayTraceSummary(summary, trace, rootCauses)];
      }),
      ApproximateTime: epochSeconds(last?.time ?? input.end),
      TracesProcessedCount: processed,
      ...(matches.length > page.length && last !== undefined
        ? { NextToken: encodePageToken(query, { time: last.time, id: last.summary.id }) }
        : {}),
    };
  },
});

function compiled(
  source: string | undefined,
  groups: GroupResolver,
  scans: FilterScans,
): CompiledFilter | undefined {
  if (source === undefined) return undefined;
  const result = compileQueryFilter(source, groups, scans);
  if (!result.ok) throw invalidRequest(`invalid FilterExpression: ${result.error.message}`);
  return result.filter;
}

function position(query: string, token: string): PagePosition {
  const decoded = decodePageToken(query, token);
  if (decoded === undefined) {
    throw invalidRequest("NextToken does not belong to this query; repeat the query without it");
  }
  return decoded;
}

/** TraceId: the time in the trace id; Event: the last document received; Service: the end. */
function rangeTime(summary: TraceSummary, type: TimeRangeType): number {
  switch (type) {
    case "TraceId":
      return traceIdEpoch(summary.id);
    case "Event":
      return millisToSeconds(summary.lastReceivedAt);
    case "Service":
      return summary.endTime ?? summary.startTime;
  }
}

function isAfter(item: PagePosition, position: PagePosition): boolean {
  return compareNewestFirst(item.time, item.id, position.time, position.id) > 0;
}

function compareNewestFirst(timeA: number, idA: string, timeB: number, idB: string): number {
  if (timeA !== timeB) return timeB - timeA;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** The same traces on every call: decided by the random part of the trace id. */
function sampled(id: string, rate: number): boolean {
  if (rate >= 1) return true;
  return Number.parseInt(id.slice(11, 19), 16) / 0x1_0000_0000 < rate;
}
