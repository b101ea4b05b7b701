/**
 * Traces shaped like the examples of X-Ray's filter-expression guide, to test the
 * `rootcause.*` keywords: a fault that starts in an `Auth` service's `deserialize` step, a
 * fault in an inferred DynamoDB table named `traces`, a slow call to a remote `traces` API,
 * a client error in a validation step, and a calm request.
 */

import type { SegmentDocument, SubsegmentDocument, TopLevelDocument } from "../document.ts";
import type { FilterContext } from "../filter/compiled-filter.ts";
import { epochSeconds, type SegmentId, type TraceId } from "../units.ts";
import { contextOf } from "./filter-traces.ts";

export type RootCauseTraceName =
  | "authFault"
  | "dynamoFault"
  | "slowTraces"
  | "clientError"
  | "throttled"
  | "calm";

const T0 = 1_790_000_000;
const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;
const traceId = (seq: number): TraceId =>
  `1-6a7f3c00-${seq.toString(16).padStart(24, "0")}` as TraceId;

function segment(
  seq: number,
  id: string,
  name: string,
  span: readonly [number, number],
  extra: Partial<SegmentDocument> = {},
): SegmentDocument {
  return {
    trace_id: traceId(seq),
    id: sid(id),
    name,
    start_time: epochSeconds(T0 + span[0]),
    end_time: epochSeconds(T0 + span[1]),
    ...extra,
  };
}

function sub(
  id: string,
  name: string,
  span: readonly [number, number],
  extra: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return {
    id: sid(id),
    name,
    start_time: epochSeconds(T0 + span[0]),
    end_time: epochSeconds(T0 + span[1]),
    ...extra,
  };
}

const thrown = (type: string, message: string) => ({
  cause: { exceptions: [{ id: sid("e1"), type, message }] },
});

/** web-frontend calls Auth, whose `deserialize` step throws: a 500 all the way up. */
function authFault(): TopLevelDocument[] {
  return [
    segment(1, "a1", "web-frontend", [0, 1], {
      fault: true,
      user: "alice",
      annotations: { gameid: "817DL6VO", age: 31, cached: false },
      aws: { ec2: { availability_zone: "us-east-1a", instance_id: "i-0abc12345" } },
      resource_arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web",
      http: {
        request: {
          url: "http://api.example.com/v2/login",
          method: "POST",
          user_agent: "Mozilla/5.0",
          client_ip: "10.0.0.1",
        },
        response: { status: 500 },
      },
      subsegments: [
        sub("a2", "Auth", [0.1, 0.9], {
          namespace: "remote",
          fault: true,
          http: { request: { url: "http://auth.internal/login" }, response: { status: 500 } },
        }),
      ],
    }),
    segment(1, "a3", "Auth", [0.2, 0.8], {
      parent_id: sid("a2"),
      origin: "AWS::ECS::Container",
      fault: true,
      subsegments: [
        sub("a4", "deserialize", [0.3, 0.4], {
          fault: true,
          ...thrown("DeserializeError", "Access Denied for account_id: 1234567890"),
        }),
      ],
    }),
  ];
}

/** orders-api's DynamoDB call to the table `traces` fails; nothing answers it. */
function dynamoFault(): TopLevelDocument[] {
  return [
    segment(2, "b1", "orders-api", [0, 0.5], {
      fault: true,
      http: { response: { status: 500 } },
      subsegments: [
        sub("b2", "DynamoDB", [0.1, 0.2], {
          namespace: "aws",
          fault: true,
          aws: { operation: "GetItem", table_name: "traces" },
          ...thrown("InternalServerError", "table unavailable"),
        }),
      ],
    }),
  ];
}

/** web-frontend waits 0.9 s of its 1 s on a remote `traces` API. */
function slowTraces(): TopLevelDocument[] {
  return [
    segment(3, "c1", "web-frontend", [0, 1], {
      annotations: { age: 25, cached: true },
      http: {
        request: { url: "http://api.example.com/v1/traces", method: "GET" },
        response: { status: 200 },
      },
      subsegments: [
        sub("c2", "traces", [0.05, 0.95], { namespace: "remote" }),
        sub("c3", "render", [0.95, 0.99]),
      ],
    }),
  ];
}

/** orders-api refuses a request in its `validate` step: a 400. */
function clientError(): TopLevelDocument[] {
  return [
    segment(4, "d1", "orders-api", [0, 0.2], {
      error: true,
      http: { response: { status: 400 } },
      subsegments: [
        sub("d2", "validate", [0.01, 0.02], {
          error: true,
          ...thrown("ValidationError", "quantity must be positive"),
        }),
      ],
    }),
  ];
}

/** orders-api answers 429 while a cleanup step is still in progress. */
function throttled(): TopLevelDocument[] {
  return [
    segment(6, "g1", "orders-api", [0, 0.3], {
      error: true,
      throttle: true,
      user: "bob",
      http: {
        request: { url: "http://api.example.com/v2/orders", method: "GET" },
        response: { status: 429 },
      },
      subsegments: [
        {
          id: sid("g2"),
          name: "cleanup",
          start_time: epochSeconds(T0 + 0.1),
          in_progress: true,
        },
      ],
    }),
  ];
}

function calm(): TopLevelDocument[] {
  return [
    segment(5, "f1", "orders-api", [0, 0.1], {
      http: { response: { status: 200 } },
      subsegments: [sub("f2", "load", [0.01, 0.03])],
    }),
  ];
}

const BUILDERS: Readonly<Record<RootCauseTraceName, () => TopLevelDocument[]>> = {
  authFault,
  dynamoFault,
  slowTraces,
  clientError,
  throttled,
  calm,
};

export const ROOT_CAUSE_TRACE_NAMES = Object.keys(BUILDERS) as RootCauseTraceName[];

/** Assembled and summarized as the store would; a fresh copy on each call. */
export function rootCauseTraces(): ReadonlyArray<{
  name: RootCauseTraceName;
  context: FilterContext;
}> {
  return ROOT_CAUSE_TRACE_NAMES.map((name) => ({ name, context: contextOf(BUILDERS[name]()) }));
}

export function rootCauseTraceDocuments(name: RootCauseTraceName): TopLevelDocument[] {
  return BUILDERS[name]();
}
