import type { ImportProgressBody } from "@xray-sandbox/segments";
import { Hono } from "hono";
import type { ImportService } from "../../transfer/import-service.ts";
import { HttpError } from "../http-error.ts";

export interface ImportDeps {
  readonly imports: ImportService;
}

/**
 * `POST /api/import` with a file as the body (see `readImportFile` for the formats). The
 * body is streamed to a temporary file and every line checked first: one bad entry refuses it
 * all (400, nothing stored) unless `?skipInvalid=true`, which stores the rest. What the store
 * already holds stays. `GET /api/import/progress`: how far the running (or last) import is.
 */
export function importRoutes({ imports }: ImportDeps): Hono {
  return new Hono()
    .post("/import", async (c) => {
      const skipInvalid = flag(c.req.query("skipInvalid"));
      try {
        const answer = await imports.run({
          body: c.req.raw.body,
          contentLength: contentLength(c.req.header("content-length")),
          skipInvalid,
        });
        return c.json(answer.body, answer.status);
      } catch (error) {
        // Refused before the body's end (409, 413, a line too long): the rest of it is not
        // read, so the connection is not kept for another request.
        c.header("connection", "close");
        throw error;
      }
    })
    .get("/import/progress", (c) => {
      const body: ImportProgressBody = imports.progress();
      return c.json(body);
    });
}

function contentLength(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function flag(text: string | undefined): boolean {
  if (text === undefined || text === "" || text === "false" || text === "0") return false;
  if (text === "true" || text === "1") return true;
  throw new HttpError(
    400,
    "INVALID_PARAMETER",
    `skipInvalid must be true or false, got ${JSON.stringify(text)}`,
  );
}
