/**
 * A backend process, either flavour: reads PORT, HOST, DOWNSTREAM_PORT and NOTIFICATIONS_URL,
 * starts the notifications service (or uses the one at NOTIFICATIONS_URL) while `prepare`
 * loads the app, listens, tells a parent process where, and stops everything on a signal,
 * when its parent goes, or when the notifications service dies.
 */

import { fileURLToPath } from "node:url";
import type { Express } from "express";
import { readBackendConfig } from "./env-config.ts";
import { closeServer, listen } from "./listen.ts";
import { describeExit } from "./process/exit-description.ts";
import { announceReady } from "./process/ready-message.ts";
import { type ServiceProcess, startServiceProcess } from "./process/service-process.ts";

const DOWNSTREAM_ENTRY = fileURLToPath(new URL("./downstream/main.ts", import.meta.url));

type Downstream = Pick<ServiceProcess, "url" | "exited"> & { stop(): Promise<unknown> };

export interface BackendRun {
  /** How messages name the process: `sample-backend`, `sample-backend-otel`. */
  readonly name: string;
  /** Loads the app (a dynamic import, so that the fork does not wait for it). */
  readonly prepare: () => Promise<(notificationsUrl: string) => Express>;
  /** The end of the startup line: where the traces go. */
  readonly destination: string;
  /** Run before the process exits, however it exits (e.g. flush the spans). */
  readonly shutdown?: () => Promise<void>;
}

export async function runBackend(run: BackendRun): Promise<void> {
  const { name } = run;
  const exit = async (message: string | undefined, code: number): Promise<never> => {
    if (message !== undefined) process.stderr.write(`${name}: ${message}\n`);
    await run.shutdown?.().catch(() => undefined);
    process.exit(code);
  };

  const parsed = readBackendConfig(process.env);
  if (!parsed.ok) return exit(parsed.message, 2);
  const { config } = parsed;

  /** The notifications service: started here, or the one already running at NOTIFICATIONS_URL. */
  const notificationsService = (): Promise<Downstream> => {
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
  };

  // The notifications process starts first; this one loads the app and builds its
  // database meanwhile.
  const [started, prepared] = await Promise.allSettled([notificationsService(), run.prepare()]);
  if (started.status === "rejected") return exit(messageOf(started.reason), 1);
  const downstream = started.value;
  if (prepared.status === "rejected") {
    await downstream.stop();
    return exit(messageOf(prepared.reason), 1);
  }
  const createApp = prepared.value;

  try {
    const app = createApp(downstream.url);
    const { server, url } = await listen(app, config.host, config.port, "PORT");

    let stopping = false;
    const stop = async (why: string, code: number) => {
      if (stopping) return;
      stopping = true;
      await Promise.all([closeServer(server), downstream.stop()]);
      await exit(code === 0 ? undefined : why, code);
    };
    process.once("SIGINT", () => void stop("SIGINT", 0));
    process.once("SIGTERM", () => void stop("SIGTERM", 0));
    // Started by another process (a test, the demo): when it goes, so does this.
    process.once("disconnect", () => void stop("parent exited", 0));
    void downstream.exited.then((ended) => {
      void stop(`the notifications service ${describeExit(ended)}; stopping`, 1);
    });

    process.stdout.write(
      `${name} listening on ${url} (notifications on ${downstream.url}); ${run.destination}\n`,
    );
    announceReady(url);
  } catch (error) {
    await downstream.stop();
    await exit(messageOf(error), 1);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
