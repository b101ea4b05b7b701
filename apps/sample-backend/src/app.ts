import express, { type Express } from "express";
import type { AppDeps } from "./app-deps.ts";
import { errorHandlers, notFound } from "./error-handlers.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { activitySearchRoutes } from "./routes/activity-search.ts";
import { digestRoutes } from "./routes/digest.ts";
import { followSuggestionsRoutes } from "./routes/follow-suggestions.ts";
import { healthRoutes } from "./routes/health.ts";
import { homeFeedRoutes } from "./routes/home-feed.ts";
import { messagesRoutes } from "./routes/messages.ts";
import { mistakesRoutes } from "./routes/mistakes.ts";
import { DEFAULT_UNREACHABLE_URL, notificationsRoutes } from "./routes/notifications.ts";
import { trendingRoutes } from "./routes/trending.ts";
import { userActivitiesRoutes } from "./routes/user-activities.ts";
import { userSettingsRoutes } from "./routes/user-settings.ts";
import { SERVICE_NAME } from "./service-name.ts";
import { traceIdHeader } from "./trace-id-header.ts";
import { xrayExpress } from "./xray.ts";

/** Three messages per sender per ten seconds: a few quick `curl`s reach the 429. */
const MESSAGE_LIMIT = 3;
const MESSAGE_WINDOW_MS = 10_000;

/**
 * The social-feed API. `openSegment` comes first so every request, errors included, gets a
 * segment; the error handlers come last (see `errorHandlers`).
 */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.use(xrayExpress.openSegment(deps.serviceName ?? SERVICE_NAME));
  app.use(traceIdHeader);
  app.use(express.json({ limit: "16kb" }));

  app.use(healthRoutes());
  app.use(homeFeedRoutes(store, now));
  app.use(activitySearchRoutes(store));
  app.use(trendingRoutes(store, now));
  app.use(digestRoutes(store));
  app.use(userActivitiesRoutes(store, now));
  app.use(
    messagesRoutes({
      store,
      now,
      limiter: deps.messageLimiter ?? new RateLimiter(MESSAGE_LIMIT, MESSAGE_WINDOW_MS),
    }),
  );
  app.use(
    notificationsRoutes({
      store,
      notificationsUrl: deps.notificationsUrl,
      unreachableUrl: deps.unreachableUrl ?? DEFAULT_UNREACHABLE_URL,
    }),
  );
  app.use(followSuggestionsRoutes(store));
  app.use(userSettingsRoutes(store));
  app.use(mistakesRoutes());

  app.use(notFound);
  app.use(errorHandlers());
  return app;
}
