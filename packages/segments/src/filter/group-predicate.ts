/**
 * `group.name = "g"` / `group.arn = "arn"`: the trace matches that group's filter. Groups may
 * refer to groups; a reference back into the chain being evaluated (a group naming itself,
 * directly or through others) matches nothing instead of recursing.
 */

import type { FilterNode } from "./ast.ts";
import type { Predicate } from "./compare.ts";
import type { CompiledFilter, GroupResolver } from "./compiled-filter.ts";
import type { TraceState } from "./trace-state.ts";

/** Also bounds chains a resolver builds with fresh filters and fresh names at each step. */
export const MAX_GROUP_DEPTH = 32;

interface Chain {
  readonly resolve: GroupResolver;
  readonly filters: readonly CompiledFilter[];
  readonly refs: readonly string[];
}

/** The chain behind each resolver this module hands to a nested group's filter. */
const chains = new WeakMap<GroupResolver, Chain>();

export function groupPredicate(
  node: FilterNode & { kind: "group" },
  self: CompiledFilter,
): Predicate<TraceState> {
  const ref = `${node.by}:${node.value}`;
  const negated = node.operator === "!=";
  return ({ context }) => {
    const given = context.group;
    if (given === undefined) return false;
    const outer = chains.get(given) ?? { resolve: given, filters: [], refs: [] };
    const filters = [...outer.filters, self];
    const group = outer.resolve(node.value, node.by);
    if (group === undefined || filters.includes(group) || outer.refs.includes(ref)) return false;
    if (filters.length > MAX_GROUP_DEPTH) return false;
    const nested: GroupResolver = (value, by) => outer.resolve(value, by);
    chains.set(nested, { resolve: outer.resolve, filters, refs: [...outer.refs, ref] });
    const inGroup = group.matches({
      // A getter, so that a trace the caller reads lazily is still only read when needed.
      get trace() {
        return context.trace;
      },
      summary: context.summary,
      ...(context.problems === undefined ? {} : { problems: () => context.problems?.() }),
      group: nested,
    });
    return negated ? !inGroup : inGroup;
  };
}
