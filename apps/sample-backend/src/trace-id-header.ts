import type { RequestHandler } from "express";
import { AWSXRay } from "./xray.ts";

const HEADER = "X-Amzn-Trace-Id";

/**
 * Answers every request with its trace id, the way an AWS load balancer does, so
 * `curl -i` shows which trace to open in the viewer. The SDK already sets the header
 * when the caller asked for the sampling decision (`Sampled=?`).
 */
export const traceIdHeader: RequestHandler = (_req, res, next) => {
  const segment = AWSXRay.getSegment();
  if (segment instanceof AWSXRay.Segment && !res.hasHeader(HEADER)) {
    res.setHeader(HEADER, `Root=${segment.trace_id};Sampled=${segment.notTraced ? 0 : 1}`);
  }
  next();
};
