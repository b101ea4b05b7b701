import { setImmediate as nextTurn } from "node:timers/promises";
import { Router } from "express";
import { captureAsync } from "../capture-async.ts";
import type { Activity, SocialStore } from "../db/social-store.ts";

const DIGEST_SIZE = 120;

/**
 * `GET /api/activities/digest`: one subsegment per card, all open at once. Past 100 open
 * subsegments (the SDK's streaming threshold) the SDK sends finished subsegments in
 * datagrams of their own, before the segment: the sandbox must put the tree back together.
 */
export function digestRoutes(store: SocialStore): Router {
  return Router().get("/api/activities/digest", async (_req, res) => {
    const activities = store.recentActivities(DIGEST_SIZE);
    const cards = await captureAsync("build-digest", (digest) =>
      Promise.all(
        activities.map((activity) =>
          captureAsync(
            "render-card",
            async () => {
              await nextTurn();
              return renderCard(activity);
            },
            digest,
          ),
        ),
      ),
    );
    res.json({ count: cards.length, cards });
  });
}

function renderCard(activity: Activity): string {
  return `@${activity.handle}: ${activity.message} (${activity.likes} likes)`;
}
