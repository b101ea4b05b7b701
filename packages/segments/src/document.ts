/**
 * The shapes of X-Ray segment documents as SDKs send them. Field names follow the
 * published segment document schema (snake_case). Only the fields the sandbox reads are
 * typed; every document keeps whatever else it carried (real SDKs add keys such as
 * `Dummy`), so raw documents are preserved as received.
 */

import type { EpochSeconds, SegmentId, TraceId } from "./units.ts";

export type AnnotationValue = string | number | boolean;

export interface StackFrame {
  path?: string;
  /** Real SDKs send `null` here; the schema says integer. */
  line?: number | null;
  label?: string;
}

export interface ExceptionRecord {
  id: SegmentId;
  message?: string;
  type?: string;
  remote?: boolean;
  truncated?: number;
  skipped?: number;
  cause?: SegmentId;
  stack?: StackFrame[];
}

export interface CauseObject {
  working_directory?: string;
  paths?: string[];
  exceptions?: ExceptionRecord[];
}

/** An object with exceptions, or the 16-hex id of an exception recorded elsewhere. */
export type Cause = CauseObject | SegmentId;

export interface HttpRequest {
  method?: string;
  url?: string;
  user_agent?: string;
  client_ip?: string;
  x_forwarded_for?: boolean;
  traced?: boolean;
}

export interface HttpResponse {
  status?: number;
  content_length?: number;
}

export interface HttpBlock {
  request?: HttpRequest;
  response?: HttpResponse;
}

export interface SqlBlock {
  connection_string?: string;
  url?: string;
  sanitized_query?: string;
  database_type?: string;
  database_version?: string;
  driver_version?: string;
  user?: string;
  preparation?: "call" | "statement";
}

/** Fields shared by segments and subsegments. */
export interface DocumentFields {
  id: SegmentId;
  name: string;
  start_time: EpochSeconds;
  end_time?: EpochSeconds;
  in_progress?: boolean;
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
  cause?: Cause;
  http?: HttpBlock;
  annotations?: Record<string, AnnotationValue>;
  metadata?: Record<string, Record<string, unknown>>;
  aws?: Record<string, unknown>;
  sql?: SqlBlock;
  subsegments?: SubsegmentDocument[];
  [extra: string]: unknown;
}

/** A subsegment as embedded in its parent's `subsegments` array. */
export interface SubsegmentDocument extends DocumentFields {
  namespace?: string;
  precursor_ids?: SegmentId[];
  /** Python SDK 0.95 keeps these on embedded subsegments too. */
  parent_id?: SegmentId;
  trace_id?: TraceId;
  type?: "subsegment";
}

/** A full segment: the top-level record a service sends for its work on a request. */
export interface SegmentDocument extends DocumentFields {
  trace_id: TraceId;
  /** Set when the request came from an upstream service (`Parent=` in the trace header). */
  parent_id?: SegmentId;
  origin?: string;
  user?: string;
  service?: { version?: string; [key: string]: unknown };
  resource_arn?: string;
  type?: undefined;
}

/** A subsegment sent on its own (streamed): it names its trace and parent. */
export interface IndependentSubsegmentDocument extends SubsegmentDocument {
  type: "subsegment";
  trace_id: TraceId;
  parent_id: SegmentId;
}

/** What one datagram or one PutTraceSegments entry carries. */
export type TopLevelDocument = SegmentDocument | IndependentSubsegmentDocument;

export function isIndependentSubsegment(
  doc: TopLevelDocument,
): doc is IndependentSubsegmentDocument {
  return doc.type === "subsegment";
}
