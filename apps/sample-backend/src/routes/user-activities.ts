import { Router } from "express";
import type { SocialStore } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";
import { AWSXRay, type TraceEntity } from "../xray.ts";

/**
 * `GET /api/activities/@:handle`: a subsegment written by hand with the SDK's subsegment API,
 * carrying metadata (not indexed, any JSON) about the request. Unknown handles get a 404,
 * which the SDK flags as `error`.
 */
export function userActivitiesRoutes(store: SocialStore<TraceEntity>, now: () => Date): Router {
  return Router().get("/api/activities/@:handle", (req, res) => {
    const { handle } = req.params;
    const subsegment = AWSXRay.getSegment()?.addNewSubsegment("UserData");
    try {
      subsegment?.addMetadata("username", handle);
      subsegment?.addMetadata("timestamp", now().toISOString());
      const user = store.findUser(handle, subsegment);
      if (!user) throw new HttpError(404, `no user @${handle}`);
      const activities = store.activitiesOf(user.id, 20, subsegment);
      res.json({ user, activities });
    } finally {
      subsegment?.close();
    }
  });
}
