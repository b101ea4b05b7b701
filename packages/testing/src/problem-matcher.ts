/**
 * `expect(trace).toHaveNoProblems()`: the trace doctor run on a trace the sandbox returned,
 * failing with each problem explained (what, where, the fix for the SDK that sent it, why).
 */

import {
  diagnoseTraceDocuments,
  PROBLEM_SEVERITIES,
  type ProblemCode,
  type ProblemSeverity,
  SDK_LABELS,
  type TraceProblem,
  type TraceWithDocuments,
} from "@xray-sandbox/segments";
import type { XrayMatcherContext, XrayMatcherResult } from "./matchers.ts";

export interface NoProblemsOptions {
  /** The least severe problem that fails the assertion: `"warning"` unless given. */
  readonly severity?: ProblemSeverity;
  /** Codes not to count (`["parent-not-in-trace"]`). */
  readonly ignore?: readonly ProblemCode[];
  /** Seconds an `in_progress` piece may wait before it is `never-completed` (default 30). */
  readonly neverCompletedAfter?: number;
}

/** The problems of a trace as `TraceRecord` (or an `AssembledTrace`) holds it, counted or not. */
export function problemsOfTrace(
  received: unknown,
  options: NoProblemsOptions = {},
): { counted: TraceProblem[]; all: TraceProblem[] } {
  const diagnosis = diagnoseTraceDocuments(withDocuments(received), {
    now: Date.now(),
    ...(options.neverCompletedAfter === undefined
      ? {}
      : { neverCompletedAfterMs: options.neverCompletedAfter * 1000 }),
  });
  const least = PROBLEM_SEVERITIES.indexOf(options.severity ?? "warning");
  const ignored = new Set(options.ignore ?? []);
  const counted = diagnosis.problems.filter(
    (problem) =>
      PROBLEM_SEVERITIES.indexOf(problem.severity) <= least && !ignored.has(problem.code),
  );
  return { counted, all: [...diagnosis.problems] };
}

export function toHaveNoProblems(
  this: XrayMatcherContext,
  received: unknown,
  options: NoProblemsOptions = {},
): XrayMatcherResult {
  const { counted, all } = problemsOfTrace(received, options);
  const id = (received as { id: string }).id;
  const pass = counted.length === 0;
  const options_ = { isNot: this.isNot === true, promise: this.promise ?? "" };
  const hint =
    this.utils?.matcherHint("toHaveNoProblems", "received", "", options_) ??
    `expect(received)${options_.isNot ? ".not" : ""}.toHaveNoProblems()`;
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\ntrace ${id} has no problems${all.length > counted.length ? ` counted (${all.length - counted.length} below the severity or ignored: ${all.map((p) => p.code).join(", ")})` : ""}`
        : `${hint}\n\ntrace ${id} has ${counted.length} problem${counted.length === 1 ? "" : "s"}:\n\n${counted.map(explainProblem).join("\n\n")}`,
  };
}

/** One problem as a failure message shows it. */
export function explainProblem(problem: TraceProblem): string {
  const [sdk, fix] = Object.entries(problem.fix)[0] ?? [];
  const lines = [
    `[${problem.severity}] ${problem.code}: ${problem.title}`,
    `  ${problem.message}`,
    ...(fix === undefined
      ? []
      : [`  Fix (${SDK_LABELS[sdk as keyof typeof SDK_LABELS] ?? sdk}): ${fix}`]),
    `  Why: ${problem.why}`,
  ];
  return lines.join("\n");
}

function withDocuments(received: unknown): TraceWithDocuments {
  if (typeof received !== "object" || received === null) {
    throw new TypeError(
      `toHaveNoProblems expects a trace (from waitForTrace / trace), received ${String(received)}`,
    );
  }
  const record = received as { id?: unknown; documents?: unknown };
  if (typeof record.id !== "string" || !Array.isArray(record.documents)) {
    throw new TypeError(
      "toHaveNoProblems expects a trace with its documents (from waitForTrace, trace or traces)",
    );
  }
  return record as TraceWithDocuments;
}
