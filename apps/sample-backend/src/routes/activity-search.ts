import { Router } from "express";
import type { SocialStore } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";
import { AWSXRay } from "../xray.ts";

const MAX_TERM_LENGTH = 100;

/**
 * `GET /api/activities/search?q=`: annotations are indexed, so traces can be filtered on
 * them (`annotation.search_term = "tracing"`); metadata is not indexed and holds the full
 * result set for reading inside one trace.
 */
export function activitySearchRoutes(store: SocialStore): Router {
  return Router().get("/api/activities/search", (req, res) => {
    const term = typeof req.query.q === "string" ? req.query.q.trim() : "";
    if (term === "") throw new HttpError(400, "search needs a term: ?q=tracing");
    if (term.length > MAX_TERM_LENGTH) {
      throw new HttpError(400, `search terms are at most ${MAX_TERM_LENGTH} characters`);
    }
    const results = store.searchActivities(term, 50);
    const segment = AWSXRay.getSegment();
    segment?.addAnnotation("search_term", term);
    segment?.addAnnotation("result_count", results.length);
    segment?.addMetadata("results", results, "search");
    res.json({ term, results });
  });
}
