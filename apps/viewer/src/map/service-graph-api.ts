import type { ServiceGraph } from "@xray-sandbox/segments";
import { requestJson } from "../api/http.ts";
import { DEFAULT_GROUP_NAME } from "../groups/groups-api.ts";
import { type TimeRangeKey, timeWindow } from "./time-range.ts";

export interface ServiceGraphQuery {
  readonly range: TimeRangeKey;
  /** Undefined or `Default` for every trace. */
  readonly group: string | undefined;
}

export async function fetchServiceGraph(
  query: ServiceGraphQuery,
  signal: AbortSignal,
): Promise<ServiceGraph> {
  const group =
    query.group === undefined || query.group === DEFAULT_GROUP_NAME
      ? {}
      : { GroupName: query.group };
  return requestJson<ServiceGraph>("/ServiceGraph", {
    method: "POST",
    body: { ...timeWindow(query.range, Date.now()), ...group },
    signal,
  });
}
