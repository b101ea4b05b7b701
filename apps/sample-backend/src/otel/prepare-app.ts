/**
 * The OpenTelemetry flavour's app, loaded by `otel/main.ts` once the SDK is started (so that
 * the http and Express instrumentations patch the modules this loads), with its database.
 */

import type { Express } from "express";
import { openDatabase } from "../db/open-database.ts";
import { SocialStore } from "../db/social-store.ts";
import { createOtelApp } from "./app.ts";
import { tracedQuery } from "./traced-query.ts";

/** Resolves once the database is built, with what makes the app for the notifications URL. */
export async function prepareOtelApp(): Promise<(notificationsUrl: string) => Express> {
  const store = new SocialStore(await openDatabase(), tracedQuery);
  return (notificationsUrl) => createOtelApp({ store, notificationsUrl });
}
