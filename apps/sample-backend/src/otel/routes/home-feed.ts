import { Router } from "express";
import { rankByEngagement } from "../../routes/rank-by-engagement.ts";
import type { OtelStore } from "../otel-store.ts";
import { inSpan } from "../spans.ts";

/**
 * `GET /api/activities/home`: `AWSXRay.captureFunc` becomes `tracer.startActiveSpan` (see
 * `inSpan`): HomeFeed > (the query's span, rank-activities).
 */
export function homeFeedRoutes(store: OtelStore, now: () => Date): Router {
  return Router().get("/api/activities/home", (_req, res) => {
    const activities = inSpan("HomeFeed", () => {
      const recent = store.recentActivities(50);
      return inSpan("rank-activities", () => rankByEngagement(recent, now()).slice(0, 20));
    });
    res.json({ activities });
  });
}
