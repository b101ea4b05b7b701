import { randomBytes } from "node:crypto";
import {
  type CompiledFilter,
  compileFilter,
  expansionError,
  type Group,
  type GroupResolver,
  type InsightsConfiguration,
} from "@xray-sandbox/segments";
import { DEFAULT_GROUP_NAME, groupArn, groupNameProblem, MAX_GROUPS } from "./group.ts";

/** A group named by `GroupName` or `GroupARN`, as the API's requests name them. */
export interface GroupRef {
  readonly GroupName?: string | undefined;
  readonly GroupARN?: string | undefined;
}

export type GroupChange =
  | { readonly ok: true; readonly group: Group }
  | { readonly ok: false; readonly error: { readonly kind: "invalid"; readonly message: string } };

export interface GroupInput {
  readonly GroupName: string;
  readonly FilterExpression?: string | undefined;
  readonly InsightsConfiguration?: Partial<InsightsConfiguration> | undefined;
}

export interface GroupUpdate {
  readonly FilterExpression?: string | undefined;
  readonly InsightsConfiguration?: Partial<InsightsConfiguration> | undefined;
}

interface GroupEntry {
  readonly group: Group;
  readonly filter: CompiledFilter;
}

const NO_INSIGHTS: InsightsConfiguration = Object.freeze({
  InsightsEnabled: false,
  NotificationsEnabled: false,
});

/**
 * Named filter expressions, as X-Ray keeps them: `Default` (every trace; cannot be deleted,
 * nor its filter changed) and up to MAX_GROUPS more. Every filter compiles, or the change
 * is refused with the parser's position.
 */
export class GroupRegistry {
  readonly #groups = new Map<string, GroupEntry>();
  readonly #newId: () => string;
  readonly #listeners = new Set<(groups: readonly Group[]) => void>();

  constructor(newId: () => string = randomGroupId) {
    this.#newId = newId;
    this.#groups.set(DEFAULT_GROUP_NAME, {
      group: {
        GroupName: DEFAULT_GROUP_NAME,
        GroupARN: groupArn(DEFAULT_GROUP_NAME, newId()),
        InsightsConfiguration: NO_INSIGHTS,
      },
      filter: matchEverything(),
    });
  }

  /** Called with every group after each change (create, update, delete, restore). */
  subscribe(listener: (groups: readonly Group[]) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Replaces every group with `saved` (a data dir's `groups.json`), ARNs kept, checked as the
   * API checks them: `Default` once, names and ARNs unique, within MAX_GROUPS, every filter
   * compiling and within its expansion limit. Undefined when restored; else the problem, and
   * the groups are as they were.
   */
  restore(saved: readonly Group[]): string | undefined {
    const next = new Map<string, GroupEntry>();
    const arns = new Set<string>();
    for (const group of saved) {
      const label = `group ${JSON.stringify(group.GroupName)}`;
      const problem = groupNameProblem(group.GroupName);
      if (problem !== undefined) return problem;
      if (next.has(group.GroupName)) return `${label} is there twice`;
      if (arns.has(group.GroupARN)) return `${label}: its GroupARN is another group's too`;
      arns.add(group.GroupARN);
      if (group.GroupName === DEFAULT_GROUP_NAME) {
        if (group.FilterExpression !== undefined) return `${label} cannot have a FilterExpression`;
        next.set(group.GroupName, { group, filter: matchEverything() });
        continue;
      }
      const compiled = compile(group.FilterExpression ?? "");
      if (!compiled.ok) return `${label}: ${compiled.error.message}`;
      next.set(group.GroupName, {
        group: { ...group, FilterExpression: group.FilterExpression ?? "" },
        filter: compiled.filter,
      });
    }
    if (!next.has(DEFAULT_GROUP_NAME)) return "there is no Default group";
    if (next.size - 1 > MAX_GROUPS) {
      return `${next.size - 1} groups besides Default, more than the ${MAX_GROUPS} X-Ray allows`;
    }
    const resolve = resolverOver(next);
    for (const [name, entry] of next) {
      const error = expansionError(entry.filter, resolve, {
        label: `group ${JSON.stringify(name)}`,
      });
      if (error !== undefined) return `invalid FilterExpression: ${error.message}`;
    }
    this.#groups.clear();
    for (const [name, entry] of next) this.#groups.set(name, entry);
    this.#changed();
    return undefined;
  }

  /** `Default` first, then by name. */
  list(): Group[] {
    return [...this.#groups.values()]
      .map((entry) => entry.group)
      .sort((a, b) => rank(a) - rank(b) || (a.GroupName < b.GroupName ? -1 : 1));
  }

  find(ref: GroupRef): Group | undefined {
    return this.#entry(ref)?.group;
  }

  /** The compiled filter of the group `ref` names; undefined when there is no such group. */
  filterOf(ref: GroupRef): CompiledFilter | undefined {
    return this.#entry(ref)?.filter;
  }

  /** For filter expressions: `group.name = "x"`, `group.arn = "..."`. */
  readonly resolve: GroupResolver = (ref, by) =>
    this.#entry(by === "name" ? { GroupName: ref } : { GroupARN: ref })?.filter;

  create(input: GroupInput): GroupChange {
    const name = input.GroupName;
    const problem = groupNameProblem(name);
    if (problem !== undefined) return invalid(problem);
    if (name === DEFAULT_GROUP_NAME) return invalid("Default is a reserved group name");
    if (this.#groups.has(name))
      return invalid(`a group named ${JSON.stringify(name)} already exists`);
    if (this.#groups.size - 1 >= MAX_GROUPS) {
      return invalid(`at most ${MAX_GROUPS} groups besides Default; delete one first`);
    }
    const expression = input.FilterExpression ?? "";
    const compiled = compile(expression);
    if (!compiled.ok) return compiled;
    const group: Group = {
      GroupName: name,
      GroupARN: groupArn(name, this.#newId()),
      FilterExpression: expression,
      InsightsConfiguration: { ...NO_INSIGHTS, ...input.InsightsConfiguration },
    };
    const refused = this.#expansionProblem(name, { group, filter: compiled.filter });
    if (refused !== undefined) return refused;
    this.#groups.set(name, { group, filter: compiled.filter });
    this.#changed();
    return { ok: true, group };
  }

  update(ref: GroupRef, update: GroupUpdate): GroupChange {
    const found = this.#found(ref);
    if (!found.ok) return found;
    const entry = found.entry;
    const name = entry.group.GroupName;
    let filter = entry.filter;
    let expression = entry.group.FilterExpression;
    if (update.FilterExpression !== undefined) {
      if (name === DEFAULT_GROUP_NAME) {
        return invalid("the Default group holds every trace; its filter cannot be changed");
      }
      const compiled = compile(update.FilterExpression);
      if (!compiled.ok) return compiled;
      filter = compiled.filter;
      expression = update.FilterExpression;
    }
    const group: Group = {
      ...entry.group,
      ...(expression === undefined ? {} : { FilterExpression: expression }),
      InsightsConfiguration: {
        ...entry.group.InsightsConfiguration,
        ...update.InsightsConfiguration,
      },
    };
    if (filter !== entry.filter) {
      const refused = this.#expansionProblem(name, { group, filter });
      if (refused !== undefined) return refused;
    }
    this.#groups.set(name, { group, filter });
    this.#changed();
    return { ok: true, group };
  }

  delete(ref: GroupRef): GroupChange {
    const found = this.#found(ref);
    if (!found.ok) return found;
    const group = found.entry.group;
    if (group.GroupName === DEFAULT_GROUP_NAME)
      return invalid("the Default group cannot be deleted");
    this.#groups.delete(group.GroupName);
    this.#changed();
    return { ok: true, group };
  }

  /**
   * With `name` set to `changed`, every group's filter (not only the changed one: a group
   * naming it grows with it) must stay within MAX_EXPANDED_FILTER_TERMS with its groups
   * expanded. Undefined when it does; else the refusal, naming the group chain.
   */
  #expansionProblem(
    name: string,
    changed: GroupEntry,
  ): Extract<GroupChange, { ok: false }> | undefined {
    const next = new Map(this.#groups);
    next.set(name, changed);
    const resolve = resolverOver(next);
    const own = expansionError(changed.filter, resolve);
    if (own !== undefined) return invalid(`invalid FilterExpression: ${own.message}`);
    for (const [other, entry] of next) {
      if (other === name) continue;
      const error = expansionError(entry.filter, resolve, {
        label: `group ${JSON.stringify(other)}`,
      });
      if (error !== undefined) {
        return invalid(
          `invalid FilterExpression: with this filter, ${error.message} of its FilterExpression`,
        );
      }
    }
    return undefined;
  }

  #changed(): void {
    if (this.#listeners.size === 0) return;
    const groups = this.list();
    for (const listener of this.#listeners) listener(groups);
  }

  #found(
    ref: GroupRef,
  ): { readonly ok: true; readonly entry: GroupEntry } | Extract<GroupChange, { ok: false }> {
    if (ref.GroupName === undefined && ref.GroupARN === undefined) {
      return invalid("give GroupName or GroupARN");
    }
    const entry = this.#entry(ref);
    return entry === undefined ? invalid("Group not found") : { ok: true, entry };
  }

  #entry(ref: GroupRef): GroupEntry | undefined {
    const byName = ref.GroupName === undefined ? undefined : this.#groups.get(ref.GroupName);
    if (ref.GroupARN === undefined) return byName;
    const byArn = [...this.#groups.values()].find((entry) => entry.group.GroupARN === ref.GroupARN);
    // Both given: they must name the same group.
    return ref.GroupName === undefined || byName === byArn ? byArn : undefined;
  }
}

function resolverOver(groups: ReadonlyMap<string, GroupEntry>): GroupResolver {
  return (ref, by) =>
    (by === "name"
      ? groups.get(ref)
      : [...groups.values()].find((entry) => entry.group.GroupARN === ref)
    )?.filter;
}

function compile(
  expression: string,
): { readonly ok: true; readonly filter: CompiledFilter } | Extract<GroupChange, { ok: false }> {
  const compiled = compileFilter(expression);
  return compiled.ok ? compiled : invalid(`invalid FilterExpression: ${compiled.error.message}`);
}

function matchEverything(): CompiledFilter {
  const compiled = compileFilter("");
  if (!compiled.ok)
    throw new Error(`the empty filter expression must compile: ${compiled.error.message}`);
  return compiled.filter;
}

function rank(group: Group): number {
  return group.GroupName === DEFAULT_GROUP_NAME ? 0 : 1;
}

function invalid(message: string): Extract<GroupChange, { ok: false }> {
  return { ok: false, error: { kind: "invalid", message } };
}

/** 26 characters of base32, like the ids X-Ray puts in group ARNs. */
function randomGroupId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return [...randomBytes(26)].map((byte) => alphabet[byte % 32]).join("");
}
