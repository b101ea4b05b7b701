import { LIVE_PATH } from "@xray-sandbox/segments";
import { Hono } from "hono";
import { HttpError } from "../http-error.ts";

/** The live stream is a WebSocket; a plain `GET /api/live` is told so. */
export function liveRoutes(): Hono {
  return new Hono().get("/live", () => {
    throw new HttpError(
      426,
      "UPGRADE_REQUIRED",
      `${LIVE_PATH} is a WebSocket: connect with ws://<host>:<port>${LIVE_PATH} (see LiveClientMessage and LiveServerMessage in @xray-sandbox/segments)`,
    );
  });
}
