import { setImmediate as nextTurn } from "node:timers/promises";
import { Router } from "express";
import type { Activity } from "../../db/social-store.ts";
import type { OtelStore } from "../otel-store.ts";
import { inSpanAsync } from "../spans.ts";

const DIGEST_SIZE = 120;

/**
 * `GET /api/activities/digest`: one span per card, all open at once. The X-Ray SDK streams
 * subsegments past 100; an OpenTelemetry SDK exports finished spans in batches anyway, so the
 * sandbox assembles this trace from several exports too.
 */
export function digestRoutes(store: OtelStore): Router {
  return Router().get("/api/activities/digest", async (_req, res) => {
    const activities = store.recentActivities(DIGEST_SIZE);
    const cards = await inSpanAsync("build-digest", () =>
      Promise.all(
        activities.map((activity) =>
          inSpanAsync("render-card", async () => {
            await nextTurn();
            return renderCard(activity);
          }),
        ),
      ),
    );
    res.json({ count: cards.length, cards });
  });
}

function renderCard(activity: Activity): string {
  return `@${activity.handle}: ${activity.message} (${activity.likes} likes)`;
}
