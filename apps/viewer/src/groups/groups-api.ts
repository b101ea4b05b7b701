import type { Group } from "@xray-sandbox/segments";
import { requestJson } from "../api/http.ts";
import { allXRayPages } from "../api/xray-pages.ts";

/** The part of X-Ray's `Group` the viewer reads. */
export type XRayGroup = Pick<Group, "GroupName" | "GroupARN" | "FilterExpression">;

export const DEFAULT_GROUP_NAME = "Default";

/** `Default` first, as the daemon lists them, over every page. */
export async function listGroups(signal?: AbortSignal): Promise<XRayGroup[]> {
  const pages = await allXRayPages((nextToken) =>
    requestJson<{ Groups?: unknown; NextToken?: unknown }>("/Groups", {
      method: "POST",
      body: nextToken === undefined ? {} : { NextToken: nextToken },
      ...(signal ? { signal } : {}),
    }),
  );
  return pages.flatMap((body) => (Array.isArray(body?.Groups) ? body.Groups.filter(isGroup) : []));
}

export async function createGroup(name: string, filterExpression: string): Promise<XRayGroup> {
  const body = await requestJson<{ Group: XRayGroup }>("/CreateGroup", {
    method: "POST",
    body: { GroupName: name, FilterExpression: filterExpression },
  });
  return body.Group;
}

export async function updateGroup(name: string, filterExpression: string): Promise<XRayGroup> {
  const body = await requestJson<{ Group: XRayGroup }>("/UpdateGroup", {
    method: "POST",
    body: { GroupName: name, FilterExpression: filterExpression },
  });
  return body.Group;
}

export async function deleteGroup(name: string): Promise<void> {
  await requestJson<unknown>("/DeleteGroup", { method: "POST", body: { GroupName: name } });
}

function isGroup(value: unknown): value is XRayGroup {
  return (
    typeof value === "object" &&
    value !== null &&
    "GroupName" in value &&
    typeof value.GroupName === "string" &&
    "GroupARN" in value &&
    typeof value.GroupARN === "string"
  );
}
