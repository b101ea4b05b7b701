import { describe, expect, it } from "vitest";
import { type CompiledFilter, compileFilter, type GroupResolver } from "./compiled-filter.ts";
import {
  compileFilterWithGroups,
  expandedTermCount,
  expansionError,
  MAX_EXPANDED_FILTER_TERMS,
} from "./group-expansion.ts";
import { MAX_FILTER_TERMS } from "./parser.ts";

function compile(source: string): CompiledFilter {
  const result = compileFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

function resolverOf(sources: Record<string, string>): GroupResolver {
  const groups = new Map(Object.entries(sources).map(([name, source]) => [name, compile(source)]));
  return (ref, by) => (by === "name" ? groups.get(ref) : undefined);
}

/** `count` terms joined by OR: `group.name = "<name>"` for each of `names` in turn. */
function groupTerms(names: readonly string[], count: number): string {
  return Array.from({ length: count }, (_, n) => `group.name = "${names[n % names.length]}"`).join(
    " OR ",
  );
}

describe("expandedTermCount", () => {
  it("counts the terms of a filter without groups as the parser does", () => {
    expect(expandedTermCount(compile(""), undefined)).toBe(0);
    expect(expandedTermCount(compile('ok AND service("a") { fault OR error }'), undefined)).toBe(4);
    expect(
      expandedTermCount(compile('!(ok OR annotation.k = 1) group.name = "x"'), undefined),
    ).toBe(3);
  });

  it("adds each group's terms where it is named, every time it is named", () => {
    const resolve = resolverOf({
      slow: "responsetime > 1 OR fault",
      nested: 'group.name = "slow" ok',
    });
    expect(expandedTermCount(compile('group.name = "slow"'), resolve)).toBe(3);
    expect(expandedTermCount(compile('group.name = "slow" OR group.name = "slow"'), resolve)).toBe(
      6,
    );
    expect(expandedTermCount(compile('group.name = "nested"'), resolve)).toBe(5);
    expect(expandedTermCount(compile('group.name = "missing"'), resolve)).toBe(1);
  });

  it("counts a reference back into the chain once, as evaluation stops there", () => {
    const resolve = resolverOf({
      self: 'group.name = "self" OR fault',
      ping: 'group.name = "pong" OR error',
      pong: 'group.name = "ping" OR fault',
    });
    expect(expandedTermCount(compile('group.name = "self"'), resolve)).toBe(3);
    expect(expandedTermCount(compile('group.name = "ping"'), resolve)).toBe(5);
  });

  it("stops counting one past the limit, whatever the expansion", () => {
    const names = Array.from({ length: 25 }, (_, n) => `g${n}`);
    const resolve = resolverOf(
      Object.fromEntries(names.map((name) => [name, groupTerms(names, MAX_FILTER_TERMS)])),
    );
    expect(expandedTermCount(compile('group.name = "g0"'), resolve)).toBe(
      MAX_EXPANDED_FILTER_TERMS + 1,
    );
    expect(expandedTermCount(compile('group.name = "g0"'), resolve, 50)).toBe(51);
  });

  it("ends when the resolver compiles a fresh filter for every lookup", () => {
    const fresh: GroupResolver = () => compile('group.name = "again" OR throttle');
    expect(expandedTermCount(compile('group.name = "again"'), fresh)).toBeLessThan(100);
  });
});

describe("expansionError", () => {
  const names = Array.from({ length: 25 }, (_, n) => `g${n}`);
  // 25 groups, each naming the others 100 times: a one-term query would cost 24! expansions.
  const amplifying = resolverOf(
    Object.fromEntries(
      names.map((name) => [
        name,
        groupTerms(
          names.filter((other) => other !== name),
          MAX_FILTER_TERMS,
        ),
      ]),
    ),
  );

  it("refuses at the outermost term whose expansion passed the limit, naming the chain", () => {
    const source = 'ok AND group.name = "g0"';
    const error = expansionError(compile(source), amplifying);
    expect(error).toMatchObject({
      offset: source.indexOf("group.name"),
      length: 'group.name = "g0"'.length,
      line: 1,
      column: source.indexOf("group.name") + 1,
      expected: [],
    });
    expect(error?.message).toMatch(
      new RegExp(
        `^the filter has more than ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded, through group "g0" → "g1" → .* at line 1, column 8$`,
      ),
    );
  });

  it("accepts what fits and names the filter as told", () => {
    const resolve = resolverOf({ big: groupTerms(["x"], MAX_FILTER_TERMS) });
    expect(expansionError(compile('group.name = "big"'), resolve)).toBeUndefined();
    // Ten times 101 terms: the tenth reference passes 1000.
    const tenTimes = groupTerms(["big"], 10);
    const tenth = 9 * 'group.name = "big" OR '.length;
    expect(expansionError(compile(tenTimes), resolve)).toMatchObject({
      message: `the filter has more than 1000 terms with its groups expanded, through group "big" at line 1, column ${tenth + 1}`,
      offset: tenth,
    });
    expect(expansionError(compile(tenTimes), resolve, { label: 'group "q"' })?.message).toMatch(
      /^group "q" has more than 1000 terms/,
    );
    expect(expansionError(compile(groupTerms(["big"], 9)), resolve)).toBeUndefined();
  });

  it("compileFilterWithGroups refuses like the parser, then like the expansion", () => {
    expect(compileFilterWithGroups("responsetime >", amplifying)).toMatchObject({
      ok: false,
      error: { message: "expected a number after '>' at line 1, column 15" },
    });
    expect(compileFilterWithGroups('group.name = "g3"', amplifying)).toMatchObject({
      ok: false,
      error: { offset: 0, column: 1 },
    });
    expect(compileFilterWithGroups('group.name = "g3"', undefined).ok).toBe(true);
  });
});
