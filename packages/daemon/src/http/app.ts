import { Hono } from "hono";
import { authMiddleware } from "../auth/auth-middleware.ts";
import { FilterScans } from "../filter-scans.ts";
import type { Logger } from "../logger.ts";
import { otlpHttpRoutes } from "../otlp/otlp-http-routes.ts";
import type { OtlpIntake } from "../otlp/otlp-intake.ts";
import { createXRayApp, UNKNOWN_OPERATION_PATH, type XRayAppDeps } from "../xray-api/xray-app.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { type HostOriginGuard, hostOriginMiddleware } from "./host-origin-guard.ts";
import { type AuthDeps, authRoutes } from "./routes/auth.ts";
import { doctorRoutes } from "./routes/doctor.ts";
import { exportRoutes } from "./routes/export.ts";
import { type GroupsDeps, groupsRoutes } from "./routes/groups.ts";
import { type HealthDeps, healthRoutes } from "./routes/health.ts";
import { type ImportDeps, importRoutes } from "./routes/import.ts";
import { liveRoutes } from "./routes/live.ts";
import { type RejectedDeps, rejectedRoutes } from "./routes/rejected.ts";
import { type SamplingDeps, samplingRoutes } from "./routes/sampling.ts";
import { type StatsDeps, statsRoutes } from "./routes/stats.ts";
import { traceQueryRoutes } from "./routes/trace-query.ts";
import { type TracesDeps, tracesRoutes } from "./routes/traces.ts";
import { type ViewerDeps, viewerHandler } from "./routes/viewer.ts";

export interface AppDeps
  extends HealthDeps,
    StatsDeps,
    RejectedDeps,
    TracesDeps,
    SamplingDeps,
    GroupsDeps,
    ViewerDeps,
    ImportDeps,
    AuthDeps,
    XRayAppDeps {
  readonly logger: Logger;
  /** Checks `Host` and `Origin` of every request before any route. */
  readonly guard: HostOriginGuard;
  /** OTLP/HTTP `/v1/traces` on this port too, as X-Ray's own OTLP endpoint. */
  readonly otlp: OtlpIntake;
}

/** Every HTTP route the daemon serves is mounted here. */
export function createApp(appDeps: AppDeps): Hono {
  // One FilterScans for every route that runs a filter over the store, counted together.
  const filterScans = appDeps.filterScans ?? new FilterScans();
  const deps = { ...appDeps, filterScans };
  const app = new Hono();
  app.use(hostOriginMiddleware(deps.guard));
  // Shared service mode: data routes answer 401 without the token; ingest and health never do.
  if (deps.auth !== undefined) app.use(authMiddleware(deps.auth));
  app.route("/", authRoutes(deps));
  // The X-Ray API answers errors in its own (restJson1) shape; /api keeps the daemon's.
  app.route("/", createXRayApp(deps));
  app.route("/", otlpHttpRoutes(deps.otlp));
  app.route("/api", healthRoutes(deps));
  app.route("/api", statsRoutes(deps));
  app.route("/api", rejectedRoutes(deps));
  // Before tracesRoutes: `/traces/query` is not a trace id for `/traces/:id`.
  app.route(
    "/api",
    traceQueryRoutes({ store: deps.store, groupResolver: deps.groups.resolve, filterScans }),
  );
  app.route(
    "/api",
    tracesRoutes({
      store: deps.store,
      groupResolver: deps.groups.resolve,
      filterScans,
      ...(deps.traceBodies ? { traceBodies: deps.traceBodies } : {}),
    }),
  );
  app.route("/api", samplingRoutes(deps));
  app.route("/api", doctorRoutes({ store: deps.store, sampling: deps.sampling }));
  app.route("/api", groupsRoutes(deps));
  app.route(
    "/api",
    exportRoutes({ store: deps.store, groupResolver: deps.groups.resolve, filterScans }),
  );
  app.route("/api", importRoutes(deps));
  app.route("/api", liveRoutes());
  app.get("*", viewerHandler(deps));
  app.onError(errorHandler(deps.logger));
  app.notFound(notFoundHandler(() => knownPaths(app)));
  return app;
}

function knownPaths(app: Hono): string[] {
  const paths = app.routes
    .filter(
      (route) =>
        route.method !== "ALL" && route.path !== UNKNOWN_OPERATION_PATH && route.path !== "/*",
    )
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(paths)].sort();
}
