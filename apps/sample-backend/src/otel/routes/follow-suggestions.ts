import { setTimeout as delay } from "node:timers/promises";
import { Router } from "express";
import { HttpError } from "../../http-error.ts";
import type { OtelStore } from "../otel-store.ts";
import { inSpanAsync } from "../spans.ts";

/** Stands in for the call to a ranking model this demo does not have. */
const RANKING_LATENCY_MS = 40;

/**
 * `GET /api/users/@:handle/suggestions`: `captureAsyncFunc` becomes `startActiveSpan` with
 * an async callback; the context stays with the awaits, so the query and the ranking step
 * nest under `suggest-follows`. A plain attribute lands in metadata `default`.
 */
export function followSuggestionsRoutes(store: OtelStore): Router {
  return Router().get("/api/users/@:handle/suggestions", async (req, res) => {
    const user = store.findUser(req.params.handle);
    if (!user) throw new HttpError(404, `no user @${req.params.handle}`);
    const suggestions = await inSpanAsync("suggest-follows", async (span) => {
      const candidates = store.followSuggestions(user.id, 10);
      span.setAttribute("candidates", candidates.length);
      return inSpanAsync("rank-candidates", async () => {
        await delay(RANKING_LATENCY_MS);
        return candidates.slice(0, 3);
      });
    });
    res.json({ handle: user.handle, suggestions });
  });
}
