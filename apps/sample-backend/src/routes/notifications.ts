import { Router } from "express";
import type { SocialStore } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";
import { getJson } from "../http-get-json.ts";

/** Port 1 (tcpmux) has no listener on any ordinary machine: connecting there is refused. */
export const DEFAULT_UNREACHABLE_URL = "http://127.0.0.1:1";

const SIMULATIONS = ["unavailable", "unreachable"] as const;
type Simulation = (typeof SIMULATIONS)[number];

export interface NotificationsDeps {
  readonly store: SocialStore;
  readonly notificationsUrl: string;
  readonly unreachableUrl: string;
}

/**
 * `GET /api/notifications/@:handle`: a call to the notifications service, a second process
 * traced under its own name. The patched `node:http` records the call as a `remote`
 * subsegment and sends the trace header, so the downstream segment joins this trace with
 * that subsegment as its parent: two services in one trace, one edge in the service map.
 * `?simulate=unavailable` makes the downstream answer 503; `?simulate=unreachable` calls an
 * address where nothing listens. Either way this service answers 502 (a fault).
 */
export function notificationsRoutes(deps: NotificationsDeps): Router {
  return Router().get("/api/notifications/@:handle", async (req, res) => {
    const simulate = readSimulation(req.query.simulate);
    const user = deps.store.findUser(req.params.handle);
    if (!user) throw new HttpError(404, `no user @${req.params.handle}`);

    const base = simulate === "unreachable" ? deps.unreachableUrl : deps.notificationsUrl;
    const query = simulate === "unavailable" ? "?simulate=unavailable" : "";
    const url = `${base}/notifications/${encodeURIComponent(user.handle)}${query}`;
    let response: Awaited<ReturnType<typeof getJson>>;
    try {
      response = await getJson(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HttpError(502, `the notifications service is unreachable: ${reason}`, {
        cause: error,
      });
    }
    if (response.status !== 200) {
      throw new HttpError(502, `the notifications service answered ${response.status}`);
    }
    res.json(response.body);
  });
}

function readSimulation(value: unknown): Simulation | undefined {
  if (value === undefined) return undefined;
  const known = SIMULATIONS.find((simulation) => simulation === value);
  if (known) return known;
  throw new HttpError(400, `simulate must be one of: ${SIMULATIONS.join(", ")}`);
}
