/**
 * Segment documents shaped like what aws-xray-sdk-express 3.12 sends (see
 * packages/fixtures/datagrams/run1-basic), with fresh ids so that tests do not share traces.
 */

import {
  type SyntheticDocument as Document,
  sdkDatagram as datagram,
  newSegmentId,
  newTraceId,
  NODE_SDK_FIELDS as SDK,
} from "@xray-sandbox/fixtures";

export type { Document };
export { datagram, newSegmentId, newTraceId };

interface RequestOptions {
  readonly traceId?: string;
  readonly id?: string;
  readonly path: string;
  readonly status: number;
  readonly extra?: Document;
  readonly subsegments?: Document[];
}

/** The segment the Express middleware sends when a request ends. */
export function requestSegment({
  traceId = newTraceId(),
  id = newSegmentId(),
  path,
  status,
  extra = {},
  subsegments,
}: RequestOptions): Document {
  const start = Date.now() / 1000;
  return {
    trace_id: traceId,
    id,
    start_time: start,
    name: "sample-express",
    ...SDK,
    http: {
      request: {
        method: "GET",
        user_agent: "",
        client_ip: "127.0.0.1",
        url: `http://127.0.0.1:3900${path}`,
      },
      response: { status },
    },
    ...extra,
    ...(subsegments ? { subsegments } : {}),
    end_time: start + 0.014,
  };
}

/** GET /user: annotations of three types, metadata in two namespaces, nested subsegments. */
export function userRequest(traceId = newTraceId()): Document {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    path: "/user",
    status: 200,
    extra: { annotations: { route: "user" } },
    subsegments: [
      {
        id: newSegmentId(),
        name: "UserData",
        start_time: start + 0.001,
        annotations: { userId: "u-42", premium: true, score: 9.5 },
        metadata: { default: { profile: { name: "Ada", roles: ["admin"] } }, db: { rows: 3 } },
        subsegments: [
          {
            id: newSegmentId(),
            name: "format",
            start_time: start + 0.002,
            metadata: { default: { n: 1 } },
            end_time: start + 0.002,
          },
        ],
        end_time: start + 0.023,
      },
    ],
  });
}

/** GET /error: a 500 with the exception and its stack (`line: null` as the SDK sends it). */
export function errorRequest(traceId = newTraceId()): Document {
  return requestSegment({
    traceId,
    path: "/error",
    status: 500,
    extra: {
      fault: true,
      cause: {
        working_directory: "/srv/app",
        exceptions: [
          {
            message: "boom from /error",
            type: "Error",
            stack: [
              { path: "/srv/app/scripts/app.js", line: 49, label: "anonymous" },
              { path: "node", line: null, label: "listOnTimeout" },
            ],
            remote: false,
            id: newSegmentId(),
          },
        ],
      },
    },
  });
}

/** GET /outgoing-fail: a remote call answered 503, the request itself a 502. */
export function outgoingFailRequest(traceId = newTraceId()): Document {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    path: "/outgoing-fail",
    status: 502,
    extra: { fault: true },
    subsegments: [
      {
        id: newSegmentId(),
        name: "127.0.0.1",
        start_time: start + 0.001,
        namespace: "remote",
        fault: true,
        http: {
          request: { url: "http://127.0.0.1/fail", method: "GET" },
          response: { status: 503 },
        },
        traced: true,
        end_time: start + 0.003,
      },
    ],
  });
}

/** A subsegment streamed on its own before its parent segment, as run2-streaming-default shows. */
export function streamedSubsegment(traceId: string, parentId: string, name: string): Document {
  const start = Date.now() / 1000;
  return {
    id: newSegmentId(),
    name,
    start_time: start,
    end_time: start + 0.018,
    type: "subsegment",
    parent_id: parentId,
    trace_id: traceId,
  };
}
