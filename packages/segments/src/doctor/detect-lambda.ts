/** Data put on Lambda's function segment, which the Lambda service makes and the SDK never sends. */

import type { DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf } from "./problem-list.ts";

const LAMBDA_FUNCTION_ORIGIN = "AWS::Lambda::Function";

/** `lambda-facade`: annotations, metadata or flags on an `AWS::Lambda::Function` segment. */
export function detectLambdaFacade({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    if (entry.node.kind !== "segment" || entry.document.origin !== LAMBDA_FUNCTION_ORIGIN) continue;
    const put: string[] = [];
    if (hasKeys(entry.document.annotations)) put.push("annotations");
    if (hasKeys(entry.document.metadata)) put.push("metadata");
    if (put.length === 0) continue;
    report(
      problemOf(
        "lambda-facade",
        `${nodeLabel(entry)} is Lambda's function segment (${LAMBDA_FUNCTION_ORIGIN}) and carries ${put.join(" and ")}: in AWS the function segment is made by Lambda, and what code adds to it is never sent.`,
        entry,
      ),
    );
  }
}

function hasKeys(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}
