/** The trace doctor: every detector over one assembled trace, most severe problems first. */

import type { AssembledTrace } from "../trace.ts";
import { detectAnnotationProblems } from "./detect-annotations.ts";
import { detectFlagsWithoutCause } from "./detect-causes.ts";
import { detectMissingHttp } from "./detect-http.ts";
import { detectNodeIds, detectTraceId } from "./detect-ids.ts";
import { detectLambdaFacade } from "./detect-lambda.ts";
import { detectMetadataProblems } from "./detect-metadata.ts";
import { detectNames } from "./detect-names.ts";
import { detectOversized } from "./detect-size.ts";
import { detectUnsanitisedSql } from "./detect-sql.ts";
import {
  detectChildOutsideParent,
  detectClockSkew,
  detectImpossibleTimes,
} from "./detect-times.ts";
import { detectNeverCompleted, detectOrphans, detectUnknownCallers } from "./detect-tree.ts";
import { doctorNodes } from "./doctor-nodes.ts";
import { type DoctorOptions, resolveDoctorOptions } from "./doctor-options.ts";
import {
  PROBLEM_SEVERITIES,
  type ProblemCode,
  type ProblemCounts,
  type ProblemSeverity,
  type TraceProblem,
} from "./problem.ts";

/** Problems a diagnosis lists; past it they are counted in `leftOut`. */
export const MAX_LISTED_PROBLEMS = 200;

export interface Diagnosis {
  /** Most severe first, then in tree order; at most `MAX_LISTED_PROBLEMS`. */
  readonly problems: readonly TraceProblem[];
  /** Problems found past the listed ones. */
  readonly leftOut: number;
  readonly counts: ProblemCounts;
}

export function diagnoseTrace(trace: AssembledTrace, options?: DoctorOptions): Diagnosis {
  const resolved = resolveDoctorOptions(options);
  const doctorTrace = doctorNodes(trace);
  const found: TraceProblem[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  const codes = new Map<ProblemCode, ProblemSeverity>();
  let leftOut = 0;
  const report = (problem: TraceProblem): void => {
    counts[problem.severity]++;
    const known = codes.get(problem.code);
    if (known === undefined || rank(problem.severity) < rank(known)) {
      codes.set(problem.code, problem.severity);
    }
    if (found.length < MAX_LISTED_PROBLEMS) found.push(problem);
    else leftOut++;
  };
  detectOrphans(doctorTrace, report);
  detectUnknownCallers(doctorTrace, report);
  detectNeverCompleted(doctorTrace, resolved, report);
  detectImpossibleTimes(doctorTrace, report);
  detectChildOutsideParent(doctorTrace, report);
  detectClockSkew(doctorTrace, resolved, report);
  detectAnnotationProblems(doctorTrace, report);
  detectMetadataProblems(doctorTrace, report);
  detectOversized(doctorTrace, report);
  detectTraceId(doctorTrace, report);
  detectNodeIds(doctorTrace, report);
  detectNames(doctorTrace, report);
  detectLambdaFacade(doctorTrace, report);
  detectMissingHttp(doctorTrace, report);
  detectFlagsWithoutCause(doctorTrace, report);
  detectUnsanitisedSql(doctorTrace, report);
  const problems = found
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => rank(a.problem.severity) - rank(b.problem.severity) || a.order - b.order)
    .map(({ problem }) => problem);
  return {
    problems,
    leftOut,
    counts: {
      total: counts.error + counts.warning + counts.info,
      ...counts,
      codes: [...codes].sort((a, b) => rank(a[1]) - rank(b[1])).map(([code]) => code),
    },
  };
}

function rank(severity: ProblemSeverity): number {
  return PROBLEM_SEVERITIES.indexOf(severity);
}
