import { setTimeout as delay } from "node:timers/promises";
import { Router } from "express";
import { captureAsync } from "../capture-async.ts";
import type { SocialStore } from "../db/social-store.ts";
import { rankByEngagement } from "./rank-by-engagement.ts";

/** Simulated latencies: the shards overlap, so their bars overlap on the timeline. */
const LOAD_MS = 150;
const SHARD_MS = [120, 200, 260] as const;
const RANK_MS = 90;

/**
 * `GET /api/activities/trending`: a slow request (about half a second) made of steps with
 * different widths on the timeline: load, three engagement shards scored in parallel, rank.
 */
export function trendingRoutes(store: SocialStore, now: () => Date): Router {
  return Router().get("/api/activities/trending", async (_req, res) => {
    const trending = await captureAsync("compute-trending", async () => {
      const window = await captureAsync("load-window", async () => {
        const rows = store.recentActivities(100);
        await delay(LOAD_MS);
        return rows;
      });
      await captureAsync("score-engagement", () =>
        Promise.all(
          SHARD_MS.map((ms, shard) => captureAsync(`score-shard-${shard + 1}`, () => delay(ms))),
        ),
      );
      return captureAsync("rank", async () => {
        await delay(RANK_MS);
        return rankByEngagement(window, now()).slice(0, 10);
      });
    });
    res.json({ trending });
  });
}
