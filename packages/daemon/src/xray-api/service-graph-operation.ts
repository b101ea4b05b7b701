import {
  type AssembledTrace,
  buildServiceGraph,
  type CompiledFilter,
} from "@xray-sandbox/segments";
import { DEFAULT_GROUP_NAME } from "../groups/group.ts";
import type { GroupRef } from "../groups/group-registry.ts";
import { RequestFields } from "./request-fields.ts";
import { invalidRequest } from "./xray-api-error.ts";
import { defineOperation, type XRayApiDeps } from "./xray-operation.ts";

/** The services of the traces active in `[StartTime, EndTime]`, optionally of one group. */
export const getServiceGraph = defineOperation({
  name: "GetServiceGraph",
  path: "/ServiceGraph",
  read(body) {
    const fields = new RequestFields(body);
    const start = fields.requiredEpochSeconds("StartTime");
    const end = fields.requiredEpochSeconds("EndTime");
    if (end < start) fields.problem("EndTime must not be before StartTime");
    const group: GroupRef = {
      GroupName: fields.optionalString("GroupName"),
      GroupARN: fields.optionalString("GroupARN"),
    };
    return fields.result({ start, end, group });
  },
  run({ start, end, group }, deps) {
    return buildServiceGraph(tracesOf(deps, groupFilter(deps, group)), { start, end });
  },
});

/** Undefined when every trace counts (no group given, or `Default`). */
export function groupFilter({ groups }: XRayApiDeps, ref: GroupRef): CompiledFilter | undefined {
  if (ref.GroupName === undefined && ref.GroupARN === undefined) return undefined;
  const group = groups.find(ref);
  if (group === undefined) throw invalidRequest("Group not found");
  return group.GroupName === DEFAULT_GROUP_NAME ? undefined : groups.filterOf(ref);
}

export function* tracesOf(
  { store, groups }: XRayApiDeps,
  filter: CompiledFilter | undefined,
): Generator<AssembledTrace> {
  for (const id of store.traceIds()) {
    const trace = store.getTrace(id);
    if (trace === undefined) continue;
    if (filter !== undefined) {
      const summary = store.getSummary(id);
      if (summary === undefined || !filter.matches({ trace, summary, group: groups.resolve })) {
        continue;
      }
    }
    yield trace;
  }
}
