import type { HealthBody } from "@xray-sandbox/segments";
import { Hono } from "hono";

export interface HealthDeps {
  readonly version: string;
  /** Seconds since the daemon started. */
  readonly uptimeSeconds: () => number;
}

export function healthRoutes({ version, uptimeSeconds }: HealthDeps): Hono {
  return new Hono().get("/health", (c) => {
    const body: HealthBody = { status: "ok", version, uptimeSeconds: uptimeSeconds() };
    return c.json(body);
  });
}
