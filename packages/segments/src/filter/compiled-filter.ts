/** The public face of the filter language: compile once, then match many traces. */

import type { ProblemCounts } from "../doctor/problem.ts";
import type { AssembledTrace, TraceSummary } from "../trace.ts";
import type { FilterNode } from "./ast.ts";
import type { Predicate } from "./compare.ts";
import { compileTracePredicate } from "./evaluate.ts";
import type { FilterError } from "./filter-error.ts";
import { parseFilter } from "./parser.ts";
import { TraceState } from "./trace-state.ts";

/**
 * Finds the compiled filter of a group, by name for `group.name = "x"` or by ARN for
 * `group.arn = "x"`; undefined when there is no such group.
 */
export type GroupResolver = (ref: string, by: "name" | "arn") => CompiledFilter | undefined;

export interface FilterContext {
  /**
   * May be a getter: only keywords the summary cannot answer (`service()`, `edge()`,
   * `message`, `remote`, `inferred`, EC2 and resource fields) read it, so a caller holding
   * many traces can assemble one only when it is asked for.
   */
  trace: AssembledTrace;
  summary: TraceSummary;
  /**
   * The trace doctor's counts when `summary` has none (it was read without diagnosing): a
   * store gives its cached diagnosis here. Without it, `problems` and `problem` diagnose
   * `trace`.
   */
  problems?: () => ProblemCounts | undefined;
  /** Resolves `group.name = "x"` to that group's compiled filter; undefined if no such group. */
  group?: GroupResolver;
}

export interface CompiledFilter {
  readonly source: string;
  readonly ast: FilterNode;
  /** Never throws; safe to pass around detached (`traces.filter((t) => f.matches(t))`). */
  matches(context: FilterContext): boolean;
}

export type FilterResult = { ok: true; filter: CompiledFilter } | { ok: false; error: FilterError };

export function compileFilter(source: string): FilterResult {
  const parsed = parseFilter(source);
  if (!parsed.ok) return parsed;
  return { ok: true, filter: new Compiled(source, parsed.ast) };
}

class Compiled implements CompiledFilter {
  readonly source: string;
  readonly ast: FilterNode;
  readonly #predicate: Predicate<TraceState>;

  constructor(source: string, ast: FilterNode) {
    this.source = source;
    this.ast = ast;
    this.#predicate = compileTracePredicate(ast, this);
  }

  readonly matches = (context: FilterContext): boolean => this.#predicate(new TraceState(context));
}
