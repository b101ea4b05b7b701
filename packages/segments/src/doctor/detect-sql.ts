/** SQL recorded with its values in it. */

import type { DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

/** A quoted string literal: `'bob'` (not the escape character of `LIKE ? ESCAPE '\\'`). */
const STRING_LITERAL = /(?<!\bESCAPE\s*)'(?:[^']|'')+'/i;
/** A number compared, assigned, listed or limited: `= 42`, `IN (1, 2)`, `VALUES (3`. */
const NUMBER_LITERAL = /(?:[=<>]|\bIN\s*\(|\bVALUES\s*\(|,)\s*-?\d+(?:\.\d+)?\b/i;
const SHOWN = 120;

/** `sql-unsanitised`: `sql.sanitized_query` with string or number literals in it. */
export function detectUnsanitisedSql({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const query: unknown = entry.document.sql?.sanitized_query;
    if (typeof query !== "string") continue;
    const literal = STRING_LITERAL.exec(query) ?? NUMBER_LITERAL.exec(query);
    if (literal === null) continue;
    const shown = query.length > SHOWN ? `${query.slice(0, SHOWN)}…` : query;
    report(
      problemOf(
        "sql-unsanitised",
        `${nodeLabel(entry)} records the query ${quoted(shown)} with the literal ${quoted(literal[0].trim())} in sql.sanitized_query: values belong in parameters.`,
        entry,
      ),
    );
  }
}
