/**
 * Three small traces that between them give every filter keyword a value that matches and
 * one that does not:
 *
 * - `checkout`: `web` (EC2, user alice) answers 200 in 1.5 s. It calls `api` (user bob), which
 *   faults and ends at 2 s, and `payments.example.com`, which faults with a remote exception.
 *   Everything went wrong downstream; the user saw a success.
 * - `orders`: `orders` (ECS) answers 429 in 0.25 s; a streamed subsegment names a parent that
 *   never arrived, so the trace is partial.
 * - `crash`: `sample-express` answers 500 (`fault`, exception "boom") in 0.5 s; a streamed
 *   subsegment is still in progress.
 */

import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "../document.ts";
import type { FilterContext } from "../filter/compiled-filter.ts";
import { summarizeTrace } from "../summarize-trace.ts";
import { epochSeconds, type SegmentId, type TraceId } from "../units.ts";
import { traceOf } from "./multi-service.ts";

export type FilterTraceName = "checkout" | "orders" | "crash";

export const FILTER_TRACE_IDS: Readonly<Record<FilterTraceName, TraceId>> = {
  checkout: "1-6b080246-96730d51abf3c08e1122f59e" as TraceId,
  orders: "1-6b080247-1603b830c789f5de07428c19" as TraceId,
  crash: "1-6b080248-312143020afae6556eb6c15b" as TraceId,
};

const T0 = 1795686982;
const at = (offset: number) => epochSeconds(T0 + offset);
const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;

function checkout(): TopLevelDocument[] {
  const trace_id = FILTER_TRACE_IDS.checkout;
  const callApi: SubsegmentDocument = {
    id: sid("a2"),
    name: "api.internal",
    namespace: "remote",
    start_time: at(0.1),
    end_time: at(1.4),
    http: { request: { method: "GET", url: "http://api.internal/items" } },
  };
  const charge: SubsegmentDocument = {
    id: sid("a3"),
    name: "payments.example.com",
    namespace: "remote",
    start_time: at(1.4),
    end_time: at(1.45),
    fault: true,
    http: {
      request: { method: "POST", url: "https://payments.example.com/charge" },
      response: { status: 503 },
    },
    cause: {
      exceptions: [{ id: sid("e1"), message: "card declined", type: "PaymentError", remote: true }],
    },
  };
  const web: SegmentDocument = {
    trace_id,
    id: sid("a1"),
    name: "web",
    origin: "AWS::EC2::Instance",
    start_time: at(0),
    end_time: at(1.5),
    user: "alice",
    resource_arn: "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc",
    aws: { ec2: { availability_zone: "eu-west-1a", instance_id: "i-0abc" } },
    http: {
      request: {
        method: "GET",
        url: "https://shop.example.com/cart?id=7",
        user_agent: "Mozilla/5.0 (X11)",
        client_ip: "10.0.0.1",
      },
      response: { status: 200 },
    },
    annotations: { account: "12345", retries: 3, premium: true },
    subsegments: [callApi, charge],
  };
  const api: SegmentDocument = {
    trace_id,
    id: sid("b1"),
    parent_id: callApi.id,
    name: "api",
    start_time: at(0.2),
    end_time: at(2),
    user: "bob",
    fault: true,
    http: {
      request: { method: "GET", url: "http://api.internal/items" },
      response: { status: 500 },
    },
  };
  return [web, api];
}

function orders(): TopLevelDocument[] {
  const trace_id = FILTER_TRACE_IDS.orders;
  const root: SegmentDocument = {
    trace_id,
    id: sid("c1"),
    name: "orders",
    origin: "AWS::ECS::Container",
    start_time: at(10),
    end_time: at(10.25),
    error: true,
    throttle: true,
    aws: { ec2: { availability_zone: "eu-west-1b" } },
    http: {
      request: {
        method: "POST",
        url: "http://api.internal/v2/orders",
        user_agent: "curl/8.5.0",
        client_ip: "192.168.1.20",
      },
      response: { status: 429 },
    },
    annotations: { account: 12345, retries: 0, cached: false },
  };
  const stray: IndependentSubsegmentDocument = {
    type: "subsegment",
    trace_id,
    parent_id: sid("dead"),
    id: sid("c2"),
    name: "cache",
    start_time: at(10.1),
    end_time: at(10.2),
  };
  return [root, stray];
}

function crash(): TopLevelDocument[] {
  const trace_id = FILTER_TRACE_IDS.crash;
  const root: SegmentDocument = {
    trace_id,
    id: sid("d1"),
    name: "sample-express",
    start_time: at(20),
    end_time: at(20.5),
    user: "carol",
    fault: true,
    cause: { exceptions: [{ id: sid("e2"), message: "boom", type: "Error", remote: false }] },
    http: {
      request: { method: "GET", url: "http://127.0.0.1:3900/error", user_agent: "" },
      response: { status: 500 },
    },
  };
  const pending: IndependentSubsegmentDocument = {
    type: "subsegment",
    trace_id,
    parent_id: root.id,
    id: sid("d2"),
    name: "cleanup",
    start_time: at(20.1),
    in_progress: true,
  };
  return [root, pending];
}

const BUILDERS: Readonly<Record<FilterTraceName, () => TopLevelDocument[]>> = {
  checkout,
  orders,
  crash,
};

/** Assembled and summarized as the store would; a fresh copy on each call. */
export function filterTraces(): ReadonlyArray<{ name: FilterTraceName; context: FilterContext }> {
  return (Object.keys(BUILDERS) as FilterTraceName[]).map((name) => ({
    name,
    context: contextOf(BUILDERS[name]()),
  }));
}

export function contextOf(documents: readonly TopLevelDocument[]): FilterContext {
  const trace = traceOf(documents);
  return { trace, summary: summarizeTrace(trace) };
}
