/**
 * The sample backend: `pnpm --filter ./apps/sample-backend start`.
 * PORT (default 4567), HOST (default 127.0.0.1), DOWNSTREAM_PORT (the notifications
 * service it starts; default 0, a free port), NOTIFICATIONS_URL (a notifications service
 * already running, instead of starting one), AWS_XRAY_DAEMON_ADDRESS (read by the SDK;
 * default 127.0.0.1:2000).
 */

import { fileURLToPath } from "node:url";
import { readBackendConfig } from "./env-config.ts";
import { closeServer, listen } from "./listen.ts";
import { describeExit } from "./process/exit-description.ts";
import { announceReady } from "./process/ready-message.ts";
import { type ServiceProcess, startServiceProcess } from "./process/service-process.ts";
import { SERVICE_NAME } from "./service-name.ts";

const DOWNSTREAM_ENTRY = fileURLToPath(new URL("./downstream/main.ts", import.meta.url));

type Downstream = Pick<ServiceProcess, "url" | "exited"> & { stop(): Promise<unknown> };

function fail(message: string, code: number): never {
  process.stderr.write(`${SERVICE_NAME}: ${message}\n`);
  process.exit(code);
}

const parsed = readBackendConfig(process.env);
if (!parsed.ok) fail(parsed.message, 2);
const { config } = parsed;

/** The notifications service: started here, or the one already running at NOTIFICATIONS_URL. */
function notificationsService(): Promise<Downstream> {
  const { notificationsUrl } = config;
  if (notificationsUrl !== undefined) {
    return Promise.resolve({
      url: notificationsUrl,
      exited: new Promise<never>(() => {}),
      stop: async () => undefined,
    });
  }
  return startServiceProcess({
    name: "notifications",
    entry: DOWNSTREAM_ENTRY,
    env: { ...process.env, PORT: String(config.downstreamPort), HOST: config.host },
  });
}

// The notifications process starts first; this one loads the SDK, Express and sql.js and
// builds its database meanwhile (a dynamic import, so that the fork does not wait for them).
const [started, prepared] = await Promise.allSettled([
  notificationsService(),
  import("./prepare-app.ts").then(({ prepareApp }) => prepareApp()),
]);
if (started.status === "rejected") fail(messageOf(started.reason), 1);
const downstream = started.value;
if (prepared.status === "rejected") {
  await downstream.stop();
  fail(messageOf(prepared.reason), 1);
}
const createApp = prepared.value;

try {
  const app = createApp(downstream.url);
  const { server, url } = await listen(app, config.host, config.port, "PORT");

  let stopping = false;
  const stop = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    if (code !== 0) process.stderr.write(`${SERVICE_NAME}: ${why}\n`);
    await Promise.all([closeServer(server), downstream.stop()]);
    process.exit(code);
  };
  process.once("SIGINT", () => void stop("SIGINT", 0));
  process.once("SIGTERM", () => void stop("SIGTERM", 0));
  // Started by another process (a test, the demo): when it goes, so does this.
  process.once("disconnect", () => void stop("parent exited", 0));
  void downstream.exited.then((exit) => {
    void stop(`the notifications service ${describeExit(exit)}; stopping`, 1);
  });

  const daemon = process.env.AWS_XRAY_DAEMON_ADDRESS ?? "127.0.0.1:2000 (the SDK's default)";
  process.stdout.write(
    `${SERVICE_NAME} listening on ${url} (notifications on ${downstream.url}); ` +
      `sending segments to ${daemon}\n`,
  );
  announceReady(url);
} catch (error) {
  await downstream.stop();
  fail(messageOf(error), 1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
