import { Router } from "express";
import type { SocialStore } from "../db/social-store.ts";
import { AWSXRay } from "../xray.ts";
import { rankByEngagement } from "./rank-by-engagement.ts";

/**
 * `GET /api/activities/home`: `captureFunc` wraps synchronous work in a subsegment and makes
 * it current while the work runs, so what happens inside nests under it:
 * HomeFeed > (social@sqlite, rank-activities).
 */
export function homeFeedRoutes(store: SocialStore, now: () => Date): Router {
  return Router().get("/api/activities/home", (_req, res) => {
    const activities = AWSXRay.captureFunc("HomeFeed", () => {
      const recent = store.recentActivities(50);
      return AWSXRay.captureFunc("rank-activities", () =>
        rankByEngagement(recent, now()).slice(0, 20),
      );
    });
    res.json({ activities });
  });
}
