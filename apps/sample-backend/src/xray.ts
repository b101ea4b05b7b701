/**
 * The one place the process loads the X-Ray SDK. It reads AWS_XRAY_DAEMON_ADDRESS,
 * AWS_XRAY_TRACING_NAME and AWS_XRAY_CONTEXT_MISSING from the environment when it loads.
 * Here it also gets the local sampling rules it decides with until it has the daemon's.
 */

import http from "node:http";
import type { Segment, Subsegment } from "aws-xray-sdk-core";
import AWSXRay from "aws-xray-sdk-core";
import xrayExpress from "aws-xray-sdk-express";
import { LOCAL_SAMPLING_RULES } from "./local-sampling-rules.ts";

export { AWSXRay, xrayExpress };

// Before any request: the SDK's built-in fallback would trace only one request a second.
AWSXRay.middleware.setSamplingRules(LOCAL_SAMPLING_RULES);

/** What `AWSXRay.getSegment()` hands back inside a request: the segment or the open subsegment. */
export type TraceEntity = Segment | Subsegment;

let httpCaptured = false;

/**
 * Every request made with `node:http` from here on gets a `remote` subsegment and carries
 * the `X-Amzn-Trace-Id` header, so a traced downstream joins the same trace.
 * The global `fetch` is not patched: outgoing calls that should be traced use `node:http`.
 */
export function captureOutgoingHttp(): void {
  if (httpCaptured) return;
  httpCaptured = true;
  AWSXRay.captureHTTPsGlobal(http, true);
}

/** The open segment or subsegment of the current request, if the request is being traced. */
export function currentTraceEntity(): TraceEntity | undefined {
  return AWSXRay.getSegment();
}
