import type { ServiceGraph } from "@xray-sandbox/segments";
import { requestJson } from "../api/http.ts";
import { allXRayPages } from "../api/xray-pages.ts";
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
  const window = timeWindow(query.range, Date.now());
  // The daemon answers 100 services a page: the map needs them all.
  const [first, ...rest] = await allXRayPages((nextToken) =>
    requestJson<ServiceGraph & { NextToken?: unknown }>("/ServiceGraph", {
      method: "POST",
      body: { ...window, ...group, ...(nextToken === undefined ? {} : { NextToken: nextToken }) },
      signal,
    }),
  );
  if (first === undefined) throw new Error("the service graph answered no page");
  const { NextToken: _next, ...graph } = first;
  return { ...graph, Services: [...first.Services, ...rest.flatMap((page) => page.Services)] };
}
