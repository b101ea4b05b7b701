import {
  DEFAULT_CLOCK_SKEW_TOLERANCE_SECONDS,
  DEFAULT_NEVER_COMPLETED_AFTER_MS,
  diagnoseSampling,
  diagnoseTrace,
  type SamplingDiagnosisBody,
  type TraceProblemsBody,
  type TraceStore,
} from "@xray-sandbox/segments";
import { Hono } from "hono";
import type { SamplingState } from "../../sampling/sampling-state.ts";
import { HttpError } from "../http-error.ts";
import { traceIdParam } from "./trace-id-param.ts";

export interface DoctorDeps {
  readonly store: TraceStore;
  readonly sampling: SamplingState;
  readonly now?: () => number;
}

/** The most `neverCompletedAfter` takes: a day. */
const MAX_NEVER_COMPLETED_SECONDS = 86_400;
const SECONDS = /^\d+(\.\d+)?$/;

/**
 * The trace doctor: what is wrong with a trace (`/traces/:id/problems`), and why requests may
 * not have become traces at all (`/sampling/diagnosis`).
 */
export function doctorRoutes({ store, sampling, now = Date.now }: DoctorDeps): Hono {
  return new Hono()
    .get("/traces/:id/problems", (c) => {
      const id = traceIdParam(c.req.param("id"));
      const neverCompletedAfterMs = parseSeconds(c.req.query("neverCompletedAfter"));
      const trace = store.getTrace(id);
      if (trace === undefined) {
        throw new HttpError(
          404,
          "TRACE_NOT_FOUND",
          `no trace ${id} in the store: it has not arrived, or it was evicted or cleared; GET /api/sampling/diagnosis says whether requests went unsampled`,
        );
      }
      const diagnosis = diagnoseTrace(trace, { now: now(), neverCompletedAfterMs });
      const body: TraceProblemsBody = {
        traceId: id,
        problems: diagnosis.problems,
        leftOut: diagnosis.leftOut,
        counts: diagnosis.counts,
        neverCompletedAfterSeconds: neverCompletedAfterMs / 1000,
        clockSkewToleranceSeconds: DEFAULT_CLOCK_SKEW_TOLERANCE_SECONDS,
      };
      return c.json(body);
    })
    .get("/sampling/diagnosis", (c) => {
      const body: SamplingDiagnosisBody = diagnoseSampling(sampling.view(), new Date(now()));
      return c.json(body);
    });
}

function parseSeconds(text: string | undefined): number {
  if (text === undefined || text === "") return DEFAULT_NEVER_COMPLETED_AFTER_MS;
  const value = SECONDS.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= MAX_NEVER_COMPLETED_SECONDS)) {
    throw new HttpError(
      400,
      "INVALID_PARAMETER",
      `neverCompletedAfter must be a number of seconds from 0 to ${MAX_NEVER_COMPLETED_SECONDS}, got ${JSON.stringify(text)}`,
    );
  }
  return value * 1000;
}
