import { Router } from "express";
import type { SocialStore } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";

/**
 * `GET /api/users/@:handle/settings`: settings are stored as JSON text, except for
 * `@legacyuser`, whose row predates that. `JSON.parse` throws, nothing catches it, and the
 * SDK records a fault whose `cause` holds the exception with its stack: a 500 to debug.
 */
export function userSettingsRoutes(store: SocialStore): Router {
  return Router().get("/api/users/@:handle/settings", (req, res) => {
    const user = store.findUser(req.params.handle);
    if (!user) throw new HttpError(404, `no user @${req.params.handle}`);
    const settings: unknown = JSON.parse(store.settingsText(user.id) ?? "{}");
    res.json({ handle: user.handle, settings });
  });
}
