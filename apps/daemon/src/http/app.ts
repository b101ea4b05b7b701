import { Hono } from "hono";
import type { Logger } from "../logger.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { type HealthDeps, healthRoutes } from "./routes/health.ts";
import { type RejectedDeps, rejectedRoutes } from "./routes/rejected.ts";
import { type StatsDeps, statsRoutes } from "./routes/stats.ts";

export interface AppDeps extends HealthDeps, StatsDeps, RejectedDeps {
  readonly logger: Logger;
}

/** Every HTTP route the daemon serves is mounted here. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.route("/api", healthRoutes(deps));
  app.route("/api", statsRoutes(deps));
  app.route("/api", rejectedRoutes(deps));
  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler(() => knownPaths(app)));
  return app;
}

function knownPaths(app: Hono): string[] {
  const paths = app.routes
    .filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(paths)].sort();
}
