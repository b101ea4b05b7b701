import { setTimeout as delay } from "node:timers/promises";
import { Router } from "express";
import { rankByEngagement } from "../../routes/rank-by-engagement.ts";
import type { OtelStore } from "../otel-store.ts";
import { inSpanAsync } from "../spans.ts";

/** Simulated latencies, as in the X-Ray flavour: the shards overlap on the timeline. */
const LOAD_MS = 150;
const SHARD_MS = [120, 200, 260] as const;
const RANK_MS = 90;

/** `GET /api/activities/trending`: a slow request made of steps of different widths. */
export function trendingRoutes(store: OtelStore, now: () => Date): Router {
  return Router().get("/api/activities/trending", async (_req, res) => {
    const trending = await inSpanAsync("compute-trending", async () => {
      const window = await inSpanAsync("load-window", async () => {
        const rows = store.recentActivities(100);
        await delay(LOAD_MS);
        return rows;
      });
      await inSpanAsync("score-engagement", () =>
        Promise.all(
          SHARD_MS.map((ms, shard) => inSpanAsync(`score-shard-${shard + 1}`, () => delay(ms))),
        ),
      );
      return inSpanAsync("rank", async () => {
        await delay(RANK_MS);
        return rankByEngagement(window, now()).slice(0, 10);
      });
    });
    res.json({ trending });
  });
}
