/**
 * The heavy part of a start, which `main.ts` loads while the notifications service starts:
 * the X-Ray SDK (with its sampling rules), Express and the routes, and the seeded database.
 */

import type { Express } from "express";
import { createApp } from "./app.ts";
import { openDatabase } from "./db/open-database.ts";
import { SocialStore } from "./db/social-store.ts";
import { tracedQuery } from "./db/traced-query.ts";
import { captureOutgoingHttp } from "./xray.ts";

/** Resolves once the database is built, with what makes the app for the notifications URL. */
export async function prepareApp(): Promise<(notificationsUrl: string) => Express> {
  captureOutgoingHttp();
  const store = new SocialStore(await openDatabase(), tracedQuery);
  return (notificationsUrl) => createApp({ store, notificationsUrl });
}
