/**
 * What a wait looks for: an X-Ray filter expression (decided by the daemon, exactly as its
 * queries decide it) or a predicate on the assembled trace.
 */

import {
  type AssembledTrace,
  type CompiledFilter,
  compileFilter,
  type FilterNode,
  type TraceId,
  type TraceSummary,
} from "@xray-sandbox/segments";
import { InvalidFilterError } from "./errors.ts";
import type { TraceRecord } from "./records.ts";
import type { SandboxApi } from "./sandbox-api.ts";

/** An X-Ray filter expression, or a predicate (a throw counts as "no match"). */
export type TraceMatch = string | ((trace: TraceRecord) => boolean);

export interface TraceMatcher {
  /** The filter expression, when the match is one (blank counts as none). */
  readonly filter: string | undefined;
  /** False when the summary alone shows the trace does not match; true when it may. */
  mayMatch(summary: TraceSummary): boolean;
  /** Reads the trace as it is now: the record when it matches, undefined when not (or gone). */
  read(id: TraceId): Promise<TraceRecord | undefined>;
  /** Every trace `accepts` should look at, newest first: the filter's matches, or all. */
  query(): Promise<TraceRecord[]>;
  /** Whether a record from `query()` matches: the daemon chose it, or the predicate says so. */
  accepts(record: TraceRecord): boolean;
  /** The last error the predicate threw, if any. */
  readonly lastThrown: unknown;
}

/**
 * Compiles `match` for `api`. An invalid filter throws `InvalidFilterError` here, with the
 * parser's position, before anything is waited for.
 */
export function traceMatcher(api: SandboxApi, match: TraceMatch): TraceMatcher {
  if (typeof match !== "string") return new PredicateMatcher(api, match);
  if (match.trim() === "") return new PredicateMatcher(api, () => true);
  const compiled = compileFilter(match);
  if (!compiled.ok) throw new InvalidFilterError(match, compiled.error.message, compiled.error);
  return new FilterMatcher(api, compiled.filter);
}

class PredicateMatcher implements TraceMatcher {
  readonly filter = undefined;
  readonly #api: SandboxApi;
  readonly #predicate: (trace: TraceRecord) => boolean;
  lastThrown: unknown;

  constructor(api: SandboxApi, predicate: (trace: TraceRecord) => boolean) {
    this.#api = api;
    this.#predicate = predicate;
  }

  mayMatch(): boolean {
    return true;
  }

  async read(id: TraceId): Promise<TraceRecord | undefined> {
    const record = await this.#api.trace(id);
    return record && this.accepts(record) ? record : undefined;
  }

  query(): Promise<TraceRecord[]> {
    return this.#api.traces(undefined);
  }

  accepts(record: TraceRecord): boolean {
    try {
      return this.#predicate(record);
    } catch (error) {
      this.lastThrown = error;
      return false;
    }
  }
}

class FilterMatcher implements TraceMatcher {
  readonly filter: string;
  readonly lastThrown = undefined;
  readonly #api: SandboxApi;
  readonly #compiled: CompiledFilter;
  /** `group.*` is resolved by the daemon, which knows the groups: no guess from the summary. */
  readonly #namesGroups: boolean;

  constructor(api: SandboxApi, compiled: CompiledFilter) {
    this.#api = api;
    this.#compiled = compiled;
    this.filter = compiled.source;
    this.#namesGroups = namesGroups(compiled.ast);
  }

  mayMatch(summary: TraceSummary): boolean {
    if (this.#namesGroups) return true;
    let readsTrace = false;
    const matched = this.#compiled.matches({
      summary,
      get trace(): AssembledTrace {
        readsTrace = true;
        return { id: summary.id, segments: [], orphans: [], documents: [] };
      },
    });
    // A keyword the summary cannot answer read an empty trace: only the daemon can tell.
    return matched || readsTrace;
  }

  async read(id: TraceId): Promise<TraceRecord | undefined> {
    // A bare trace id matches that trace only: the daemon evaluates the filter on it alone.
    const [record] = await this.#api.traces(`${id} AND (${this.filter})`);
    return record;
  }

  query(): Promise<TraceRecord[]> {
    return this.#api.traces(this.filter);
  }

  accepts(): boolean {
    return true;
  }
}

function namesGroups(node: FilterNode | undefined): boolean {
  if (!node) return false;
  switch (node.kind) {
    case "group":
      return true;
    case "and":
    case "or":
      return node.operands.some(namesGroups);
    case "not":
      return namesGroups(node.operand);
    case "service":
    case "edge":
      return namesGroups(node.body);
    default:
      return false;
  }
}
