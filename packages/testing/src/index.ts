export type { DocumentOrigin, SandboxStats, SourceSpan } from "@xray-sandbox/segments";
export { assertSegment, assertSubsegment } from "./assert-node.ts";
export type { SandboxErrorCode } from "./errors.ts";
export {
  InvalidFilterError,
  SandboxApiError,
  SandboxError,
  SandboxUnreachableError,
  TraceAssertionError,
  WaitTimeoutError,
} from "./errors.ts";
export type { AsymmetricMatcher } from "./format-value.ts";
export type { XrayMatcherContext, XrayMatcherResult, XrayMatchers } from "./matchers.ts";
export { xrayMatchers } from "./matchers.ts";
export type { Matchable, NodeExpectation } from "./node-expectation.ts";
export type { NoProblemsOptions } from "./problem-matcher.ts";
export { explainProblem } from "./problem-matcher.ts";
export type { ReceivedDocument, SegmentRecord, TraceRecord, TraceTree } from "./records.ts";
export type {
  LocalSamplingRule,
  LocalSamplingRules,
  SampleEverythingOptions,
  XraySdkMiddleware,
} from "./sample-everything.ts";
export { everyRequestRules, sampleEverything } from "./sample-everything.ts";
export type { FetchFunction } from "./sandbox-api.ts";
export type {
  ConnectOptions,
  HandleOptions,
  ProblemsOptions,
  SandboxClient,
} from "./sandbox-client.ts";
export { connectSandbox } from "./sandbox-client.ts";
export type { ServiceEnv } from "./service-env.ts";
export type { Sandbox, SandboxOptions } from "./start-sandbox.ts";
export { startSandbox } from "./start-sandbox.ts";
export { newTraceId } from "./trace-id.ts";
export type { TraceMatch } from "./trace-matcher.ts";
export type {
  LatencyOptions,
  QueryTracesOptions,
  TraceSelectionOptions,
} from "./trace-queries.ts";
export { allNodes, findSegment, findSubsegment, formatTree } from "./trace-tree.ts";
export type {
  ExpectNoTraceOptions,
  SettleOptions,
  WaitForSegmentsOptions,
  WaitForTraceOptions,
  WaitForTracesOptions,
  WaitOptions,
} from "./wait-options.ts";
