import { Hono } from "hono";
import type { GroupRegistry } from "../../groups/group-registry.ts";

export interface GroupsDeps {
  readonly groups: GroupRegistry;
}

/** The groups in X-Ray's `Group` shape, `Default` first. */
export function groupsRoutes({ groups }: GroupsDeps): Hono {
  return new Hono().get("/groups", (c) => c.json({ groups: groups.list() }));
}
