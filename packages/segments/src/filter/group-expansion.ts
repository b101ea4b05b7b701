/**
 * What a filter costs with its `group.name = "g"` terms expanded: each group term is matched
 * by matching that group's filter, so a filter naming groups that name groups costs every
 * trace the terms of all of them. Counted the way `group-predicate.ts` evaluates: a reference
 * back into the chain, a group that does not exist, or a chain deeper than MAX_GROUP_DEPTH
 * is one term and no more.
 */

import type { FilterNode, Span } from "./ast.ts";
import type { CompiledFilter, FilterResult, GroupResolver } from "./compiled-filter.ts";
import { compileFilter } from "./compiled-filter.ts";
import { type FilterError, filterError } from "./filter-error.ts";
import { MAX_GROUP_DEPTH } from "./group-predicate.ts";

/**
 * The most terms a filter may hold with every group it names expanded (10 times what one
 * filter may hold): the bound on what matching one trace can cost.
 */
export const MAX_EXPANDED_FILTER_TERMS = 1_000;

interface Chain {
  readonly filters: readonly CompiledFilter[];
  readonly refs: readonly string[];
  /** The group names (or ARNs) as written, outermost first. */
  readonly names: readonly string[];
}

/** Where the count passed the limit: the outermost term it was under, and the groups between. */
interface Overflow {
  readonly span: Span;
  readonly names: readonly string[];
}

class Counter {
  terms = 0;
  readonly #resolve: GroupResolver | undefined;
  readonly #limit: number;

  constructor(resolve: GroupResolver | undefined, limit: number) {
    this.#resolve = resolve;
    this.#limit = limit;
  }

  /** Undefined while within the limit; the count stops at the first term past it. */
  walk(
    node: FilterNode,
    self: CompiledFilter,
    chain: Chain,
    outer: Span | undefined,
  ): Overflow | undefined {
    const at = outer ?? node.span;
    switch (node.kind) {
      case "all":
        return undefined;
      case "or":
      case "and":
        for (const operand of node.operands) {
          const over = this.walk(operand, self, chain, outer);
          if (over !== undefined) return over;
        }
        return undefined;
      case "not":
        return this.walk(node.operand, self, chain, outer);
      case "service":
      case "edge":
      case "rootcause": {
        const over = this.#count(at, chain);
        if (over !== undefined || node.body === undefined) return over;
        return this.walk(node.body, self, chain, outer);
      }
      case "group":
        return this.#count(at, chain) ?? this.#expand(node, self, chain, at);
      default:
        return this.#count(at, chain);
    }
  }

  #count(at: Span, chain: Chain): Overflow | undefined {
    return ++this.terms > this.#limit ? { span: at, names: chain.names } : undefined;
  }

  #expand(
    node: FilterNode & { kind: "group" },
    self: CompiledFilter,
    chain: Chain,
    at: Span,
  ): Overflow | undefined {
    if (this.#resolve === undefined) return undefined;
    const ref = `${node.by}:${node.value}`;
    const filters = [...chain.filters, self];
    const group = this.#resolve(node.value, node.by);
    if (group === undefined || filters.includes(group) || chain.refs.includes(ref)) {
      return undefined;
    }
    if (filters.length > MAX_GROUP_DEPTH) return undefined;
    const inner: Chain = {
      filters,
      refs: [...chain.refs, ref],
      names: [...chain.names, node.value],
    };
    return this.walk(group.ast, group, inner, at);
  }
}

/**
 * Terms `filter` holds with its groups expanded, counted up to one past `limit` (counting
 * stops there, so a filter of enormous expansion costs no more to count than the limit).
 */
export function expandedTermCount(
  filter: CompiledFilter,
  resolve: GroupResolver | undefined,
  limit: number = MAX_EXPANDED_FILTER_TERMS,
): number {
  const counter = new Counter(resolve, limit);
  counter.walk(filter.ast, filter, { filters: [], refs: [], names: [] }, undefined);
  return counter.terms;
}

/**
 * Undefined when `filter` with its groups expanded holds at most `limit` terms; else an
 * error at the term of `filter` whose expansion passed the limit, naming the groups it went
 * through, e.g. `the filter has more than 1000 terms with its groups expanded, through group
 * "a" → "b" at line 1, column 1`. `label` names the filter (`the filter`, `group "x"`).
 */
export function expansionError(
  filter: CompiledFilter,
  resolve: GroupResolver | undefined,
  { limit = MAX_EXPANDED_FILTER_TERMS, label = "the filter" } = {},
): FilterError | undefined {
  const counter = new Counter(resolve, limit);
  const over = counter.walk(filter.ast, filter, { filters: [], refs: [], names: [] }, undefined);
  if (over === undefined) return undefined;
  const through =
    over.names.length === 0
      ? ""
      : `, through group ${over.names.map((name) => JSON.stringify(name)).join(" → ")}`;
  return filterError(
    filter.source,
    over.span.offset,
    over.span.length,
    `${label} has more than ${limit} terms with its groups expanded${through}`,
    [],
    "expanded-terms",
  );
}

/**
 * `compileFilter`, then `expansionError` against `groups`: how every query that resolves
 * `group.name = "g"` takes its filter.
 */
export function compileFilterWithGroups(
  source: string,
  groups: GroupResolver | undefined,
): FilterResult {
  const compiled = compileFilter(source);
  if (!compiled.ok) return compiled;
  const error = expansionError(compiled.filter, groups);
  return error === undefined ? compiled : { ok: false, error };
}
