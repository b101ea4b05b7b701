import { Hono } from "hono";
import type { Logger } from "../logger.ts";
import { createXRayApp, UNKNOWN_OPERATION_PATH, type XRayAppDeps } from "../xray-api/xray-app.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { type GroupsDeps, groupsRoutes } from "./routes/groups.ts";
import { type HealthDeps, healthRoutes } from "./routes/health.ts";
import { type RejectedDeps, rejectedRoutes } from "./routes/rejected.ts";
import { type SamplingDeps, samplingRoutes } from "./routes/sampling.ts";
import { type StatsDeps, statsRoutes } from "./routes/stats.ts";
import { type TracesDeps, tracesRoutes } from "./routes/traces.ts";

export interface AppDeps
  extends HealthDeps,
    StatsDeps,
    RejectedDeps,
    TracesDeps,
    SamplingDeps,
    GroupsDeps,
    XRayAppDeps {
  readonly logger: Logger;
}

/** Every HTTP route the daemon serves is mounted here. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // The X-Ray API answers errors in its own (restJson1) shape; /api keeps the daemon's.
  app.route("/", createXRayApp(deps));
  app.route("/api", healthRoutes(deps));
  app.route("/api", statsRoutes(deps));
  app.route("/api", rejectedRoutes(deps));
  app.route("/api", tracesRoutes(deps));
  app.route("/api", samplingRoutes(deps));
  app.route("/api", groupsRoutes(deps));
  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler(() => knownPaths(app)));
  return app;
}

function knownPaths(app: Hono): string[] {
  const paths = app.routes
    .filter((route) => route.method !== "ALL" && route.path !== UNKNOWN_OPERATION_PATH)
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(paths)].sort();
}
