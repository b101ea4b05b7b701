import express, { type Express } from "express";
import { notFound } from "../http-error-answers.ts";
import { RateLimiter } from "../rate-limiter.ts";
import { healthRoutes } from "../routes/health.ts";
import { messagesRoutes } from "../routes/messages.ts";
import { DEFAULT_UNREACHABLE_URL, notificationsRoutes } from "../routes/notifications.ts";
import { userSettingsRoutes } from "../routes/user-settings.ts";
import { otelErrorHandlers } from "./error-handlers.ts";
import type { OtelStore } from "./otel-store.ts";
import { activitySearchRoutes } from "./routes/activity-search.ts";
import { digestRoutes } from "./routes/digest.ts";
import { followSuggestionsRoutes } from "./routes/follow-suggestions.ts";
import { homeFeedRoutes } from "./routes/home-feed.ts";
import { trendingRoutes } from "./routes/trending.ts";
import { userActivitiesRoutes } from "./routes/user-activities.ts";
import { serverSpan } from "./server-span.ts";

/** Three messages per sender per ten seconds, as in the X-Ray flavour. */
const MESSAGE_LIMIT = 3;
const MESSAGE_WINDOW_MS = 10_000;

export interface OtelAppDeps {
  readonly store: OtelStore;
  /** Base URL of the notifications service, e.g. `http://127.0.0.1:45123`. */
  readonly notificationsUrl: string;
  /** Where `?simulate=unreachable` sends the notifications call: nothing listens there. */
  readonly unreachableUrl?: string;
  readonly now?: () => Date;
}

/**
 * The same social-feed API as `../app.ts`, traced with OpenTelemetry. No `openSegment`:
 * the http instrumentation starts the SERVER span (the segment) before Express sees the
 * request, and ends it with the response. The routes that trace nothing by hand (messages,
 * notifications, settings, health) are the X-Ray flavour's own files; the calls they make
 * are traced by the instrumentations.
 */
export function createOtelApp(deps: OtelAppDeps): Express {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.use(serverSpan);
  app.use(express.json({ limit: "16kb" }));

  app.use(healthRoutes());
  app.use(homeFeedRoutes(store, now));
  app.use(activitySearchRoutes(store));
  app.use(trendingRoutes(store, now));
  app.use(digestRoutes(store));
  app.use(userActivitiesRoutes(store, now));
  app.use(
    messagesRoutes({ store, now, limiter: new RateLimiter(MESSAGE_LIMIT, MESSAGE_WINDOW_MS) }),
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

  app.use(notFound);
  app.use(otelErrorHandlers());
  return app;
}
