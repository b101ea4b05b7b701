import express, { type Express } from "express";
import { captureAsync } from "../capture-async.ts";
import { errorHandlers, notFound } from "../error-handlers.ts";
import { healthRoutes } from "../routes/health.ts";
import { AWSXRay, xrayExpress } from "../xray.ts";
import { notificationsFor } from "./notifications-data.ts";

const SERVICE_NAME = "notifications";

/**
 * The downstream service. Its segments carry its own name, and a `parent_id` naming the
 * caller's `remote` subsegment (read from the `X-Amzn-Trace-Id` header).
 */
export function createNotificationsApp(): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(xrayExpress.openSegment(SERVICE_NAME));
  app.use(healthRoutes());

  app.get("/notifications/:handle", async (req, res) => {
    if (req.query.simulate === "unavailable") {
      res
        .status(503)
        .set("Retry-After", "30")
        .json({ error: { message: "notifications are paused for maintenance" } });
      return;
    }
    const { handle } = req.params;
    AWSXRay.getSegment()?.addAnnotation("handle", handle);
    const notifications = await captureAsync("load-notifications", async (subsegment) => {
      const found = notificationsFor(handle);
      subsegment?.addMetadata("count", found.length);
      return found;
    });
    res.json({ handle, notifications });
  });

  app.use(notFound);
  app.use(errorHandlers());
  return app;
}
