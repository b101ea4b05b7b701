import {
  type AssembledTrace,
  buildServiceGraph,
  type CompiledFilter,
  type EpochSeconds,
} from "@xray-sandbox/segments";
import { DEFAULT_GROUP_NAME } from "../groups/group.ts";
import type { GroupRef } from "../groups/group-registry.ts";
import { matchingSummary } from "../trace-filter.ts";
import { listPage, PAGE_SIZES } from "./list-page.ts";
import { RequestFields } from "./request-fields.ts";
import { invalidRequest } from "./xray-api-error.ts";
import { defineOperation, type XRayApiDeps } from "./xray-operation.ts";

/**
 * The services of the traces active in `[StartTime, EndTime]`, optionally of one group,
 * `PAGE_SIZES.graphServices` services a page.
 */
export const getServiceGraph = defineOperation({
  name: "GetServiceGraph",
  path: "/ServiceGraph",
  read(body) {
    const fields = new RequestFields(body);
    const window = readWindowAndGroup(fields);
    return fields.result({ ...window, nextToken: fields.optionalString("NextToken") });
  },
  async run({ start, end, group, nextToken }, deps) {
    const request = JSON.stringify([start, end, group.GroupName, group.GroupARN]);
    const traces = await tracesOf(deps, groupFilter(deps, group));
    const graph = buildServiceGraph(traces, { start, end });
    const page = listPage(
      "GetServiceGraph",
      request,
      nextToken,
      graph.Services,
      PAGE_SIZES.graphServices,
    );
    return {
      ...graph,
      Services: page.items,
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

/** `StartTime`, `EndTime` (not before it) and `GroupName`/`GroupARN`, as the graph calls take them. */
export function readWindowAndGroup(fields: RequestFields): {
  start: EpochSeconds;
  end: EpochSeconds;
  group: GroupRef;
} {
  const start = fields.requiredEpochSeconds("StartTime");
  const end = fields.requiredEpochSeconds("EndTime");
  if (end < start) fields.problem("EndTime must not be before StartTime");
  const group: GroupRef = {
    GroupName: fields.optionalString("GroupName"),
    GroupARN: fields.optionalString("GroupARN"),
  };
  return { start, end, group };
}

/** Undefined when every trace counts (no group given, or `Default`). */
export function groupFilter({ groups }: XRayApiDeps, ref: GroupRef): CompiledFilter | undefined {
  if (ref.GroupName === undefined && ref.GroupARN === undefined) return undefined;
  const group = groups.find(ref);
  if (group === undefined) throw invalidRequest("Group not found");
  return group.GroupName === DEFAULT_GROUP_NAME ? undefined : groups.filterOf(ref);
}

/**
 * The stored traces, those of the group's filter when given: the filter runs in slices over
 * the trace ids taken at the start, the event loop running between slices.
 */
export async function tracesOf(
  { store, groups, filterScans }: XRayApiDeps,
  filter: CompiledFilter | undefined,
): Promise<AssembledTrace[]> {
  const ids = store.traceIds();
  if (filter === undefined) return ids.flatMap((id) => store.getTrace(id) ?? []);
  return await filterScans.collect(ids, (id) =>
    matchingSummary(store, id, filter, groups.resolve) === undefined
      ? undefined
      : store.getTrace(id),
  );
}
