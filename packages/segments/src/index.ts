export type {
  ApiErrorBody,
  ClearBody,
  DocumentBody,
  ExpandedTraceListBody,
  FilterScanStats,
  ForwardStats,
  HealthBody,
  ImportErrorBody,
  ImportPhase,
  ImportProblem,
  ImportProgress,
  ImportProgressBody,
  ImportResultBody,
  ImportStats,
  LiveBounds,
  LiveClientMessage,
  LiveServerMessage,
  LiveStats,
  NotFoundBody,
  OtlpStats,
  OtlpTransportStats,
  PersistenceStats,
  RejectedBody,
  RejectionSample,
  RootCauseStats,
  SandboxStats,
  SavedSettingsStats,
  SegmentEntry,
  SegmentListBody,
  TelemetryClient,
  TelemetryRecordView,
  TelemetryStats,
  TraceBodyCacheStats,
  TraceDetailBody,
  TraceListBody,
  UdpIngestStats,
  UdpStats,
} from "./api-contract.ts";
export { LIVE_BATCH_INTERVAL_MS, LIVE_PATH, LIVE_PROTOCOL_VERSION } from "./api-contract.ts";
export { assembleTrace } from "./assemble-trace.ts";
export type {
  AuthErrorCode,
  AuthLoginRequest,
  AuthSessionBody,
  AuthStats,
} from "./auth-contract.ts";
export {
  AUTH_COOKIE_NAME,
  AUTH_LOGIN_PATH,
  AUTH_LOGOUT_PATH,
  AUTH_SESSION_PATH,
  AUTH_TOKEN_HEADER,
  MAX_AUTH_TOKEN_LENGTH,
  MIN_AUTH_TOKEN_LENGTH,
} from "./auth-contract.ts";
export {
  type CheckedFields,
  checkDocumentObject,
  checkFiledFields,
} from "./check-document-object.ts";
export type { TraceWithDocuments } from "./doctor/diagnose-documents.ts";
export { diagnoseTraceDocuments } from "./doctor/diagnose-documents.ts";
export type { Diagnosis } from "./doctor/diagnose-trace.ts";
export { diagnoseTrace, MAX_LISTED_PROBLEMS } from "./doctor/diagnose-trace.ts";
export type { DoctorOptions } from "./doctor/doctor-options.ts";
export {
  DEFAULT_CLOCK_SKEW_TOLERANCE_SECONDS,
  DEFAULT_NEVER_COMPLETED_AFTER_MS,
} from "./doctor/doctor-options.ts";
export type { Explanation } from "./doctor/explanations.ts";
export { explanationOf, PROBLEM_CODES } from "./doctor/explanations.ts";
export type {
  ProblemCode,
  ProblemCounts,
  ProblemFix,
  ProblemSeverity,
  SdkName,
  TraceProblem,
} from "./doctor/problem.ts";
export {
  NO_PROBLEMS,
  PROBLEM_SEVERITIES,
  SDK_LABELS,
  SDK_NAMES,
  worstSeverity,
} from "./doctor/problem.ts";
export { orderedFix } from "./doctor/problem-list.ts";
export { rejectionProblemCode } from "./doctor/rejection-codes.ts";
export { diagnoseSampling } from "./doctor/sampling-diagnosis.ts";
export type {
  ClientSamplingDiagnosis,
  RuleSamplingDiagnosis,
  SamplingDiagnosisBody,
  TraceProblemsBody,
} from "./doctor-contract.ts";
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
export type { DocumentIndex } from "./document-index.ts";
export { documentIndex } from "./document-index.ts";
export type {
  DocumentOrigin,
  ImportOrigin,
  InProcessOrigin,
  OriginChannel,
  OtlpOrigin,
  PutTraceSegmentsOrigin,
  ReceivedOrigin,
  XrayOrigin,
  XrayUdpOrigin,
} from "./document-origin.ts";
export {
  describeOrigin,
  IN_PROCESS_ORIGIN,
  importedOrigin,
  isUnsampledOrigin,
  ORIGIN_CHANNEL_LABELS,
  ORIGIN_CHANNELS,
  originChannel,
  originChannels,
  PUT_TRACE_SEGMENTS_ORIGIN,
  sourceSpanOf,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "./document-origin.ts";
export { documentTextBytes } from "./document-size.ts";
export type {
  BooleanOperator,
  Comparison,
  FilterNode,
  JsonPattern,
  NumberOperator,
  ServiceSelector,
  Span,
  StringOperator,
} from "./filter/ast.ts";
export type {
  CompiledFilter,
  FilterContext,
  FilterResult,
  GroupResolver,
} from "./filter/compiled-filter.ts";
export { compileFilter } from "./filter/compiled-filter.ts";
export type { FilterError, FilterLimit } from "./filter/filter-error.ts";
export {
  compileFilterWithGroups,
  expandedTermCount,
  expansionError,
  MAX_EXPANDED_FILTER_TERMS,
} from "./filter/group-expansion.ts";
export type { KeywordName, RootCauseKind, RootCauseLevel } from "./filter/keywords.ts";
export { KEYWORD_NAMES, ROOT_CAUSE_WORDS } from "./filter/keywords.ts";
export type { ParseFilterResult } from "./filter/parser.ts";
export {
  MAX_FILTER_CHARS,
  MAX_FILTER_TERMS,
  MAX_NESTING,
  parseFilter,
} from "./filter/parser.ts";
export type { Group, InsightsConfiguration } from "./groups-contract.ts";
export { MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
export { keepShapeOf } from "./kept-shapes.ts";
export type {
  Distribution,
  DistributionOptions,
} from "./latency-distribution.ts";
export {
  binIndex,
  DistributionCollector,
  histogram,
  histogramEdges,
  outcomeOf,
  percentile,
  percentilesOf,
} from "./latency-distribution.ts";
export {
  type EagerDocument,
  FILING_ATTRIBUTES,
  type FiledFields,
  type FiledRequest,
  fileTraceRequest,
  type LazyDocument,
} from "./otlp/lazy-translate.ts";
export type {
  OtlpAttributes,
  OtlpBytes,
  OtlpEvent,
  OtlpKeyValueList,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanKind,
  OtlpStatusCode,
  OtlpTraceRequest,
  OtlpTransport,
  OtlpValue,
} from "./otlp/otlp-model.ts";
export type {
  SourceSpan,
  TranslatedDocument,
  TranslateOptions,
  TranslateResult,
  UntranslatedSpan,
} from "./otlp/translate-contract.ts";
export { translateTraceRequest } from "./otlp/translate-spans.ts";
export { type DocumentSpansContext, documentSpans } from "./otlp-forward/document-spans.ts";
export { type ForwardSpan, XRAY_DOCUMENT_SCOPE } from "./otlp-forward/forward-model.ts";
export { groupSpans } from "./otlp-forward/group-spans.ts";
export { parseDatagram } from "./parse-datagram.ts";
export type { ParseOptions } from "./parse-document.ts";
export { MAX_DOCUMENT_BYTES, parseDocumentText } from "./parse-document.ts";
export type {
  AcceptedDocument,
  ParseResult,
  RejectedDocument,
  Rejection,
  RejectionReason,
  ValidationWarning,
} from "./parse-result.ts";
export type {
  ResponseTimeRootCause,
  ResponseTimeRootCauseEntity,
  ResponseTimeRootCauseService,
  RootCause,
  RootCauseAnalysis,
  RootCauseEntity,
  RootCauseException,
  RootCauseService,
  RootCauseServiceOf,
  TraceRootCauses,
} from "./root-causes.ts";
export {
  analyseRootCauses,
  MAX_ENTITY_PATH,
  MAX_ROOT_CAUSES,
  rootCauseNodes,
  traceRootCauses,
} from "./root-causes.ts";
export type {
  SamplingClient,
  SamplingCounts,
  SamplingReport,
  SamplingRule,
  SamplingRuleRecord,
  SamplingRuleView,
  SamplingStatisticsBounds,
  SamplingStatisticsDocument,
  SamplingView,
} from "./sampling-contract.ts";
export type { SamplingMatcherField } from "./sampling-rule-limits.ts";
export {
  DEFAULT_SAMPLING_RULE_NAME,
  SAMPLING_MATCHER_MAX_CHARS,
  SAMPLING_RULE_LIMITS,
} from "./sampling-rule-limits.ts";
export type { ByteScan } from "./scan-datagram-bytes.ts";
export { newByteScan, scanDatagramBytes } from "./scan-datagram-bytes.ts";
export type { ScannedDocument, ScanOptions, ScanResult } from "./scan-document.ts";
export { scanDatagram, scanDocumentText } from "./scan-document.ts";
export type { ParseRecordResult, SegmentRecord } from "./segment-record.ts";
export { formatRecord, parseRecord, SEGMENT_RECORD_VERSION } from "./segment-record.ts";
export type {
  EntitySelector,
  EntityStatistics,
  SelectorResult,
} from "./service-graph/entity-statistics.ts";
export { entityStatistics, parseEntitySelector } from "./service-graph/entity-statistics.ts";
export { buildServiceGraph, ServiceGraphBuilder } from "./service-graph/service-graph.ts";
export type {
  ServiceGraph,
  ServiceGraphAlias,
  ServiceGraphEdge,
  ServiceGraphErrorStatistics,
  ServiceGraphFaultStatistics,
  ServiceGraphHistogramEntry,
  ServiceGraphOptions,
  ServiceGraphPercentiles,
  ServiceGraphService,
  ServiceGraphStatistics,
} from "./service-graph/service-graph-types.ts";
export type {
  TraceServiceEdge,
  TraceServiceMap,
  TraceServiceNode,
} from "./service-graph/trace-service-map.ts";
export { traceServiceMap } from "./service-graph/trace-service-map.ts";
export type { TraceTimeSpan } from "./service-graph/trace-window.ts";
export { activeInWindow, storedTraceSpan } from "./service-graph/trace-window.ts";
export { stringifyJson } from "./stringify-json.ts";
export { summarizeTrace } from "./summarize-trace.ts";
export {
  EARLIEST_PLAUSIBLE_SECONDS,
  isPlausibleEpochSeconds,
  timeProblems,
} from "./time-sanity.ts";
export type {
  AssembledTrace,
  ServiceRef,
  StoredDocument,
  TraceNode,
  TraceSummary,
} from "./trace.ts";
export type { PoolBounds, PoolCounts } from "./trace-pool.ts";
export type { QueryCursor, SortValue } from "./trace-query.ts";
export {
  compareRanked,
  decodeQueryCursor,
  encodeQueryCursor,
  inSelection,
  PageCollector,
  sortValueOf,
} from "./trace-query.ts";
export type {
  HistogramScale,
  LatencyBin,
  LatencyPercentiles,
  LatencyPoint,
  SortOrder,
  TraceDistributionBody,
  TraceOutcome,
  TraceQueryBody,
  TraceSelection,
  TraceSortKey,
} from "./trace-query-contract.ts";
export {
  HISTOGRAM_SCALES,
  SORT_ORDERS,
  TRACE_QUERY_BOUNDS,
  TRACE_SORT_KEYS,
} from "./trace-query-contract.ts";
export type {
  DocumentText,
  IngestOutcome,
  StoreStats,
  TextWriter,
  TraceStoreEvent,
  TraceStoreListener,
  TraceStoreOptions,
  UnsampledStoreStats,
} from "./trace-store.ts";
export { DEFAULT_UNSAMPLED_BOUNDS, TraceStore } from "./trace-store.ts";
export { boundedPath } from "./tree-path.ts";
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
export { validateDocument } from "./validate-document.ts";
export { walkTree } from "./walk-tree.ts";
