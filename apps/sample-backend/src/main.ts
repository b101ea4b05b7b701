/**
 * The sample backend, X-Ray SDK flavour: `pnpm --filter ./apps/sample-backend start`.
 * PORT (default 4567), HOST (default 127.0.0.1), DOWNSTREAM_PORT (the notifications
 * service it starts; default 0, a free port), NOTIFICATIONS_URL (a notifications service
 * already running, instead of starting one), AWS_XRAY_DAEMON_ADDRESS (read by the SDK;
 * default 127.0.0.1:2000).
 */

import { runBackend } from "./run-backend.ts";
import { SERVICE_NAME } from "./service-name.ts";

const daemon = process.env.AWS_XRAY_DAEMON_ADDRESS ?? "127.0.0.1:2000 (the SDK's default)";

await runBackend({
  name: SERVICE_NAME,
  // The SDK (with its sampling rules), Express, the routes and the database.
  prepare: () => import("./prepare-app.ts").then(({ prepareApp }) => prepareApp()),
  destination: `sending segments to ${daemon}`,
});
