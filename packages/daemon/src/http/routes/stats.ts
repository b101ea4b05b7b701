import { Hono } from "hono";
import type { DaemonStats } from "../../stats.ts";

export interface StatsDeps {
  readonly stats: () => DaemonStats;
}

export function statsRoutes({ stats }: StatsDeps): Hono {
  return new Hono().get("/stats", (c) => c.json(stats()));
}
