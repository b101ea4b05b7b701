import { Hono } from "hono";
import type { RejectionLog } from "../../rejection-log.ts";

export interface RejectedDeps {
  readonly rejections: RejectionLog;
}

export function rejectedRoutes({ rejections }: RejectedDeps): Hono {
  return new Hono().get("/rejected", (c) =>
    c.json({
      kept: rejections.kept,
      max: rejections.max,
      byReason: rejections.byReason(),
      rejections: rejections.entries(),
    }),
  );
}
