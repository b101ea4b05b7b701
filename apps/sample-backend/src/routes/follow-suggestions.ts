import { setTimeout as delay } from "node:timers/promises";
import { Router } from "express";
import { captureAsync } from "../capture-async.ts";
import type { SocialStore } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";

/** Stands in for the call to a ranking model this demo does not have. */
const RANKING_LATENCY_MS = 40;

/**
 * `GET /api/users/@:handle/suggestions`: asynchronous work captured with
 * `AWSXRay.captureAsyncFunc` (see `captureAsync`): the subsegment stays current across the
 * awaits inside it, so the query and the ranking step nest under `suggest-follows`.
 */
export function followSuggestionsRoutes(store: SocialStore): Router {
  return Router().get("/api/users/@:handle/suggestions", async (req, res) => {
    const user = store.findUser(req.params.handle);
    if (!user) throw new HttpError(404, `no user @${req.params.handle}`);
    const suggestions = await captureAsync("suggest-follows", async (subsegment) => {
      const candidates = store.followSuggestions(user.id, 10);
      subsegment?.addMetadata("candidates", candidates.length);
      return captureAsync("rank-candidates", async () => {
        await delay(RANKING_LATENCY_MS);
        return candidates.slice(0, 3);
      });
    });
    res.json({ handle: user.handle, suggestions });
  });
}
