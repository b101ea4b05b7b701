import {
  activeInWindow,
  type CompiledFilter,
  type EpochSeconds,
  ServiceGraphBuilder,
  storedTraceSpan,
} from "@xray-sandbox/segments";
import { DEFAULT_GROUP_NAME } from "../groups/group.ts";
import type { GroupRef } from "../groups/group-registry.ts";
import { forEachGraphTrace } from "./graph-traces.ts";
import { listPage, PAGE_SIZES } from "./list-page.ts";
import { RequestFields } from "./request-fields.ts";
import { invalidRequest } from "./xray-api-error.ts";
import { defineOperation, type XRayApiDeps } from "./xray-operation.ts";

/**
 * The services of the traces active in `[StartTime, EndTime]`, optionally of one group,
 * `PAGE_SIZES.graphServices` services a page. Traces outside the window are skipped from the
 * store's index; the rest are assembled and added one at a time, in slices (see
 * `forEachGraphTrace`), so the daemon keeps receiving and answering meanwhile.
 */
export const getServiceGraph = defineOperation({
  name: "GetServiceGraph",
  path: "/ServiceGraph",
  read(body) {
    const fields = new RequestFields(body);
    const window = readWindowAndGroup(fields);
    return fields.result({ ...window, nextToken: fields.optionalString("NextToken") });
  },
  async run({ start, end, group, nextToken }, deps, signal) {
    const request = JSON.stringify([start, end, group.GroupName, group.GroupARN]);
    const window = { start, end };
    const builder = new ServiceGraphBuilder(window);
    await forEachGraphTrace(
      deps,
      groupFilter(deps, group),
      (documents) => activeInWindow(storedTraceSpan(documents), window),
      (trace) => builder.add(trace),
      signal,
    );
    const graph = builder.finish();
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
