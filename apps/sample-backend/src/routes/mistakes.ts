/**
 * `/mistakes/*`: each route makes one of the common X-Ray mistakes with the real SDK, so that
 * the sandbox's trace doctor (the Problems panel, `GET /api/traces/:id/problems`) can show
 * what it does to a trace. `/mistakes` lists them; each answer names the problem code to look for.
 */

import { type Request, type Response, Router } from "express";
import { captureAsync } from "../capture-async.ts";
import { AWSXRay } from "../xray.ts";

interface Mistake {
  readonly path: string;
  /** The trace doctor's code the route produces (or `none` for the right way). */
  readonly code: string;
  readonly what: string;
  readonly handler: (req: Request, res: Response) => Promise<void> | void;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MISTAKES: readonly Mistake[] = [
  {
    path: "/mistakes/hand-made-segment",
    code: "orphan-subsegment",
    what: "A segment and a subsegment defined by hand inside the request: a trace of their own, and the segment is never sent, so its subsegment arrives without a parent. Compare /mistakes/captured.",
    handler: (_req, res) => {
      const segment = new AWSXRay.Segment("hand-made");
      const subsegment = segment.addNewSubsegment("load-user");
      subsegment.close();
      // The usual slip: sending the subsegment, and forgetting the segment (`segment.close()`).
      subsegment.flush();
      res.json({ handMadeTraceId: segment.trace_id });
    },
  },
  {
    path: "/mistakes/captured",
    code: "none",
    what: "The working form: captureAsyncFunc opens the subsegment under the request's own segment and the callback closes it.",
    handler: async (_req, res) => {
      await captureAsync("load-user", async (subsegment) => {
        subsegment?.addAnnotation("user_id", "u1");
        await wait(5);
      });
      res.json({ ok: true });
    },
  },
  {
    path: "/mistakes/fire-and-forget",
    code: "child-outlives-parent",
    what: "Work started in the request and not awaited: the response (and the segment) ends first.",
    handler: (_req, res) => {
      void captureAsync("send-email", () => wait(50));
      res.json({ queued: true });
    },
  },
  {
    path: "/mistakes/annotation-key",
    code: "annotation-dropped",
    what: "An annotation key with a dot: the SDK sends it, X-Ray drops it silently.",
    handler: (_req, res) => {
      AWSXRay.getSegment()?.addAnnotation("user.id", "u1");
      res.json({ annotated: "user.id" });
    },
  },
  {
    path: "/mistakes/reserved-namespace",
    code: "namespace-reserved",
    what: "Metadata put in a namespace starting with AWS., which is reserved.",
    handler: (_req, res) => {
      AWSXRay.getSegment()?.addMetadata("plan", "pro", "AWS.app");
      res.json({ namespace: "AWS.app" });
    },
  },
  {
    path: "/mistakes/bigint-metadata",
    code: "metadata-not-serialisable",
    what: "A BigInt in metadata: JSON has no BigInt, so it arrives as text.",
    handler: (_req, res) => {
      AWSXRay.getSegment()?.addMetadata("big", 12345678901234567890n);
      res.json({ metadata: "big" });
    },
  },
  {
    path: "/mistakes/raw-sql",
    code: "sql-unsanitised",
    what: "A query recorded with its values in sanitized_query.",
    handler: async (_req, res) => {
      await captureAsync("users@sqlite", async (subsegment) => {
        subsegment?.addSqlData({
          ...new AWSXRay.database.SqlData(undefined, undefined, "app", "sqlite::memory:"),
          sanitized_query: "SELECT * FROM users WHERE email = 'bob@example.com'",
          database_type: "SQLite",
        });
      });
      res.json({ recorded: "sql" });
    },
  },
  {
    path: "/mistakes/error-flag",
    code: "error-without-cause",
    what: "A subsegment flagged as an error with addErrorFlag(), and no exception recorded.",
    handler: async (_req, res) => {
      await captureAsync("validate", async (subsegment) => {
        subsegment?.addErrorFlag();
      });
      res.json({ flagged: true });
    },
  },
];

/** The mistakes, and `GET /mistakes` listing them. */
export function mistakesRoutes(): Router {
  const router = Router();
  router.get("/mistakes", (_req, res) => {
    res.json({
      mistakes: MISTAKES.map(({ path, code, what }) => ({ path, code, what })),
      see: "Open each path, then the trace's Problems panel in the sandbox viewer.",
    });
  });
  for (const mistake of MISTAKES) {
    router.get(mistake.path, async (req, res, next) => {
      try {
        await mistake.handler(req, res);
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}

/** Every mistake's path and the problem code it produces. */
export const MISTAKE_CODES: Readonly<Record<string, string>> = Object.fromEntries(
  MISTAKES.map(({ path, code }) => [path, code]),
);
