import { Router } from "express";
import { HttpError } from "../../http-error.ts";
import type { OtelStore } from "../otel-store.ts";
import { annotate, serverSpanOf, setMetadataNamespace } from "../server-span.ts";

const MAX_TERM_LENGTH = 100;

/**
 * `GET /api/activities/search?q=`: OpenTelemetry has attributes only. The X-Ray exporter
 * makes the ones listed in `aws.xray.annotations` into annotations (indexed, so
 * `annotation.search_term = "tracing"` finds the trace), and `aws.xray.metadata.search` into
 * the metadata namespace `search`. Both go on the server span: the segment.
 */
export function activitySearchRoutes(store: OtelStore): Router {
  return Router().get("/api/activities/search", (req, res) => {
    const term = typeof req.query.q === "string" ? req.query.q.trim() : "";
    if (term === "") throw new HttpError(400, "search needs a term: ?q=tracing");
    if (term.length > MAX_TERM_LENGTH) {
      throw new HttpError(400, `search terms are at most ${MAX_TERM_LENGTH} characters`);
    }
    const results = store.searchActivities(term, 50);
    const segment = serverSpanOf(res);
    annotate(segment, "search_term", term);
    annotate(segment, "result_count", results.length);
    setMetadataNamespace(segment, "search", { results });
    res.json({ term, results });
  });
}
