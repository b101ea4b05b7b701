/**
 * What the trace doctor reports: one problem with a trace (or with a datagram that never
 * became one), in plain words, with why X-Ray behaves that way and the fix in each SDK.
 */

/** The SDKs a fix is given for; `otel` is OpenTelemetry (and ADOT) in any language. */
export type SdkName = "node" | "python" | "java" | "dotnet" | "go" | "otel";

/** Every SDK, in the order fixes are listed when the sender is not known. */
export const SDK_NAMES: readonly SdkName[] = Object.freeze([
  "node",
  "python",
  "java",
  "dotnet",
  "go",
  "otel",
]);

/** How each SDK is named in words. */
export const SDK_LABELS: Readonly<Record<SdkName, string>> = Object.freeze({
  node: "Node.js X-Ray SDK",
  python: "Python X-Ray SDK",
  java: "Java X-Ray SDK",
  dotnet: ".NET X-Ray SDK",
  go: "Go X-Ray SDK",
  otel: "OpenTelemetry / ADOT",
});

/**
 * `error`: X-Ray refuses or loses the data; `warning`: X-Ray keeps it but shows something
 * other than what happened; `info`: worth knowing, often harmless.
 */
export type ProblemSeverity = "error" | "warning" | "info";

export const PROBLEM_SEVERITIES: readonly ProblemSeverity[] = Object.freeze([
  "error",
  "warning",
  "info",
]);

/** The fix in each SDK; the SDK that sent the document comes first. */
export type ProblemFix = Readonly<Partial<Record<SdkName, string>>>;

/** Stable codes: tests, filters and links use them; never renamed. */
export type ProblemCode =
  | "orphan-subsegment"
  | "parent-not-in-trace"
  | "never-completed"
  | "child-outlives-parent"
  | "ends-before-start"
  | "time-not-epoch-seconds"
  | "clock-skew"
  | "annotation-key-rewritten"
  | "annotation-dropped"
  | "metadata-not-serialisable"
  | "namespace-reserved"
  | "oversized"
  | "trace-id-invalid"
  | "otel-trace-id-random"
  | "segment-id-invalid"
  | "name-invalid"
  | "lambda-facade"
  | "missing-http"
  | "error-without-cause"
  | "fault-without-cause"
  | "sql-unsanitised"
  | "not-sampled"
  | "bad-header"
  | "malformed-datagram"
  | "otlp-datagram"
  | "invalid-document";

/** One problem with a trace. */
export interface TraceProblem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  /** A few words naming the problem (`Subsegment never completed`). */
  readonly title: string;
  /** What is wrong with this trace, in plain words, naming the node and the values. */
  readonly message: string;
  /** The segment or subsegment it concerns, as the trace's nodes name it. */
  readonly nodeId?: string;
  readonly nodeName?: string;
  /** The SDK that sent the node's document, when the document tells. */
  readonly sdk?: SdkName;
  /** How to fix it, per SDK; the sender's first. */
  readonly fix: ProblemFix;
  /** Why X-Ray behaves that way. */
  readonly why: string;
}

/** How many problems of each severity a trace has: what its list row shows. */
export interface ProblemCounts {
  readonly total: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** The distinct codes, most severe first. */
  readonly codes: readonly ProblemCode[];
}

export const NO_PROBLEMS: ProblemCounts = Object.freeze({
  total: 0,
  error: 0,
  warning: 0,
  info: 0,
  codes: Object.freeze([]) as readonly ProblemCode[],
});

/** The most severe severity among some counts; undefined when there are none. */
export function worstSeverity(counts: ProblemCounts): ProblemSeverity | undefined {
  if (counts.error > 0) return "error";
  if (counts.warning > 0) return "warning";
  if (counts.info > 0) return "info";
  return undefined;
}
