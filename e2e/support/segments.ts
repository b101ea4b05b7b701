/**
 * Synthetic segment documents shaped like what aws-xray-sdk-express 3.12 sends (compare
 * packages/fixtures/datagrams/run1-basic), with fresh ids and current times so that every test
 * has its own traces and they fall in the viewer's default time window.
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

export interface RequestOptions {
  readonly name?: string;
  readonly traceId?: string;
  readonly id?: string;
  readonly parentId?: string;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  /** Epoch seconds; now unless given. */
  readonly start?: number;
  /** Seconds. */
  readonly duration?: number;
  readonly annotations?: Record<string, string | number | boolean>;
  readonly metadata?: Record<string, unknown>;
  readonly subsegments?: readonly Document[];
}

/** The segment a service's middleware sends when a request ends; flags follow the status. */
export function requestSegment(options: RequestOptions = {}): Document {
  const {
    name = "sample-express",
    traceId = newTraceId(),
    id = newSegmentId(),
    method = "GET",
    path = "/",
    status = 200,
    start = Date.now() / 1000,
    duration = 0.014,
  } = options;
  return {
    trace_id: traceId,
    id,
    ...(options.parentId === undefined ? {} : { parent_id: options.parentId }),
    start_time: start,
    name,
    ...SDK,
    http: {
      request: {
        method,
        user_agent: "",
        client_ip: "127.0.0.1",
        url: `http://127.0.0.1:3900${path}`,
      },
      response: { status },
    },
    ...statusFlags(status),
    ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    ...(options.subsegments === undefined ? {} : { subsegments: options.subsegments }),
    end_time: start + duration,
  };
}

function statusFlags(status: number): Document {
  if (status === 429) return { throttle: true, error: true };
  if (status >= 500) return { fault: true };
  if (status >= 400) return { error: true };
  return {};
}

export interface SubsegmentOptions {
  readonly name: string;
  readonly id?: string;
  readonly start: number;
  readonly duration?: number;
  readonly annotations?: Record<string, string | number | boolean>;
  readonly metadata?: Record<string, unknown>;
  readonly extra?: Document;
  readonly subsegments?: readonly Document[];
}

/** A subsegment embedded in its segment's `subsegments`. */
export function subsegment(options: SubsegmentOptions): Document {
  const { name, id = newSegmentId(), start, duration = 0.005 } = options;
  return {
    id,
    name,
    start_time: start,
    ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    ...options.extra,
    ...(options.subsegments === undefined ? {} : { subsegments: options.subsegments }),
    end_time: start + duration,
  };
}

/**
 * GET /user: a `UserData` subsegment with annotations and metadata (`username`, `timestamp`
 * in the `default` namespace) and a nested `format` subsegment.
 */
export function userRequest(traceId = newTraceId()): Document {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    start,
    path: "/user",
    duration: 0.03,
    annotations: { route: "user" },
    subsegments: [
      subsegment({
        name: "UserData",
        start: start + 0.001,
        duration: 0.022,
        annotations: { userId: "u-42" },
        metadata: {
          default: { username: "andrewbrown", timestamp: "2026-11-26T10:15:30.000Z" },
        },
        subsegments: [subsegment({ name: "format", start: start + 0.002, duration: 0.001 })],
      }),
    ],
  });
}

export interface TwoServiceTrace {
  readonly traceId: string;
  readonly caller: string;
  readonly callee: string;
  readonly documents: readonly Document[];
}

/**
 * `caller` handles a request and calls `callee` over HTTP; `callee` sends its own segment
 * whose `parent_id` is the caller's remote subsegment (as X-Ray's propagated header makes it).
 */
export function twoServiceTrace(caller = "web-frontend", callee = "orders-api"): TwoServiceTrace {
  const traceId = newTraceId();
  const start = Date.now() / 1000;
  const callId = newSegmentId();
  const call = subsegment({
    name: callee,
    id: callId,
    start: start + 0.002,
    duration: 0.02,
    extra: {
      namespace: "remote",
      http: {
        request: { url: `http://${callee}/orders`, method: "GET" },
        response: { status: 200 },
      },
      traced: true,
    },
  });
  const front = requestSegment({
    name: caller,
    traceId,
    start,
    path: "/checkout",
    duration: 0.03,
    subsegments: [call],
  });
  const back = requestSegment({
    name: callee,
    traceId,
    parentId: callId,
    start: start + 0.004,
    path: "/orders",
    duration: 0.015,
  });
  return { traceId, caller, callee, documents: [front, back] };
}
