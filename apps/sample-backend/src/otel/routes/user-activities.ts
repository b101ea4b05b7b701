import { Router } from "express";
import { HttpError } from "../../http-error.ts";
import type { OtelStore } from "../otel-store.ts";
import { setMetadataNamespace } from "../server-span.ts";
import { inSpan } from "../spans.ts";

/**
 * `GET /api/activities/@:handle`: the X-Ray flavour's hand-made `UserData` subsegment, as a
 * span named `UserData`. Its `username` and `timestamp` attributes are what any OpenTelemetry
 * backend shows; the X-Ray exporter puts plain attributes under metadata `default` (as the
 * X-Ray SDK's `addMetadata(key, value)` does). `aws.xray.metadata.UserData`, a JSON object,
 * becomes metadata namespace `UserData`. The queries run while the span is current, so their
 * spans nest under it. Unknown handles get a 404 (the segment's `error` flag).
 */
export function userActivitiesRoutes(store: OtelStore, now: () => Date): Router {
  return Router().get("/api/activities/@:handle", (req, res) => {
    const { handle } = req.params;
    inSpan("UserData", (span) => {
      const userData = { username: handle, timestamp: now().toISOString() };
      span.setAttributes(userData);
      setMetadataNamespace(span, "UserData", userData);
      const user = store.findUser(handle);
      if (!user) throw new HttpError(404, `no user @${handle}`);
      const activities = store.activitiesOf(user.id, 20);
      res.json({ user, activities });
    });
  });
}
