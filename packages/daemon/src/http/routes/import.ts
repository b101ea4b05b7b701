import type { ImportErrorBody, ImportProblem, ImportResultBody } from "@xray-sandbox/segments";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type ImportTarget, importEntries } from "../../transfer/import-entries.ts";
import { readImportFile } from "../../transfer/import-file.ts";
import { HttpError } from "../http-error.ts";

export interface ImportDeps {
  readonly importTarget: ImportTarget;
  /** Largest body accepted, in bytes. */
  readonly maxImportBytes?: number;
}

export const DEFAULT_MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const LISTED_PROBLEMS = 20;

/**
 * `POST /api/import` with a file as the body (see `readImportFile` for the formats). The
 * file is checked whole first: one bad entry refuses it all (400, nothing stored) unless
 * `?skipInvalid=true`, which stores the rest. What the store already holds stays.
 */
export function importRoutes({
  importTarget,
  maxImportBytes = DEFAULT_MAX_IMPORT_BYTES,
}: ImportDeps): Hono {
  // One import at a time: two large files applied together would double the memory held.
  let running = false;
  return new Hono().post(
    "/import",
    bodyLimit({
      maxSize: maxImportBytes,
      onError: () => {
        throw new HttpError(
          413,
          "IMPORT_TOO_LARGE",
          `the file is over ${Math.floor(maxImportBytes / (1024 * 1024))} MiB; split it (it is NDJSON: any set of whole lines is a file too)`,
        );
      },
    }),
    async (c) => {
      const skipInvalid = flag(c.req.query("skipInvalid"));
      if (running) {
        throw new HttpError(
          409,
          "IMPORT_RUNNING",
          "another import is running; send this file again when it has finished",
        );
      }
      running = true;
      try {
        return await importFile(c, skipInvalid);
      } finally {
        running = false;
      }
    },
  );

  async function importFile(c: Context, skipInvalid: boolean): Promise<Response> {
    const read = readImportFile(new Uint8Array(await c.req.arrayBuffer()));
    if (!read.ok) return c.json(refusedBody(read.message, []), 400);
    if (read.problems.length > 0 && !skipInvalid) {
      const [first] = read.problems;
      const more = read.problems.length - 1;
      const message = `${first ? `${first.where}: ${first.message}` : "bad entries"}${more > 0 ? ` (and ${more} more)` : ""}; nothing was imported (skipInvalid=true imports the rest)`;
      return c.json(refusedBody(message, read.problems), 400);
    }
    const outcome = await importEntries(read.entries, importTarget);
    const problems = [...read.problems, ...outcome.refused];
    const body: ImportResultBody = {
      imported: outcome.imported,
      skipped: outcome.alreadyStored + problems.length,
      errors: problems.slice(0, LISTED_PROBLEMS),
      errorCount: problems.length,
    };
    return c.json(body);
  }
}

function refusedBody(message: string, problems: readonly ImportProblem[]): ImportErrorBody {
  return {
    error: { code: "INVALID_IMPORT", message },
    imported: 0,
    skipped: problems.length,
    errors: problems.slice(0, LISTED_PROBLEMS),
    errorCount: problems.length,
  };
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
