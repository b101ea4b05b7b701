export type {
  AnnotationValue,
  Cause,
  CauseObject,
  DocumentFields,
  ExceptionRecord,
  HttpBlock,
  HttpRequest,
  HttpResponse,
  IndependentSubsegmentDocument,
  SegmentDocument,
  SqlBlock,
  StackFrame,
  SubsegmentDocument,
  TopLevelDocument,
} from "./document.ts";
export { isIndependentSubsegment } from "./document.ts";
export type {
  AcceptedDocument,
  ParseResult,
  RejectedDocument,
  Rejection,
  RejectionReason,
  ValidationWarning,
} from "./parse-result.ts";
export type {
  AssembledTrace,
  ServiceRef,
  StoredDocument,
  TraceNode,
  TraceSummary,
} from "./trace.ts";
export type {
  EpochMillis,
  EpochSeconds,
  Seconds,
  SegmentId,
  TraceId,
} from "./units.ts";
export {
  epochMillis,
  epochSeconds,
  isEpochSeconds,
  isSegmentId,
  isTraceId,
  millisToSeconds,
  secondsBetween,
  secondsToMillis,
  traceIdEpoch,
} from "./units.ts";
