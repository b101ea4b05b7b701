/**
 * The notifications service, run as its own process by the backend: the SDK keeps one
 * default segment name per process, and this one is "notifications".
 * PORT (default 0: a free port), HOST (default 127.0.0.1), AWS_XRAY_DAEMON_ADDRESS.
 */

import { readPort } from "../env-config.ts";
import { closeServer, listen } from "../listen.ts";
import { announceReady } from "../process/ready-message.ts";
import { createNotificationsApp } from "./notifications-app.ts";

const port = readPort(process.env, "PORT", 0);
if (!port.ok) {
  process.stderr.write(`notifications: ${port.message}\n`);
  process.exit(2);
}
const host = process.env.HOST?.trim() || "127.0.0.1";

try {
  const { server, url } = await listen(
    createNotificationsApp(),
    host,
    port.value,
    "DOWNSTREAM_PORT",
  );
  const stop = () => {
    void closeServer(server).then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // Started by the backend: when it goes, so does this.
  process.once("disconnect", stop);
  announceReady(url);
} catch (error) {
  process.stderr.write(
    `notifications: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
