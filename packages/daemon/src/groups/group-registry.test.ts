import {
  compileFilter,
  compileFilterWithGroups,
  epochMillis,
  expandedTermCount,
  MAX_EXPANDED_FILTER_TERMS,
  MAX_FILTER_TERMS,
  parseDocumentText,
  TraceStore,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { GroupRegistry } from "./group-registry.ts";

function registry() {
  let n = 0;
  return new GroupRegistry(() => `ID${++n}`);
}

describe("GroupRegistry", () => {
  it("starts with Default, which holds every trace", () => {
    const groups = registry();
    expect(groups.list()).toEqual([
      {
        GroupName: "Default",
        GroupARN: "arn:aws:xray:local:000000000000:group/Default/ID1",
        InsightsConfiguration: { InsightsEnabled: false, NotificationsEnabled: false },
      },
    ]);
  });

  it("creates a group with an ARN and finds it by name or ARN", () => {
    const groups = registry();
    const created = groups.create({
      GroupName: "slow-checkout",
      FilterExpression: "responsetime > 2",
    });
    expect(created).toEqual({
      ok: true,
      group: {
        GroupName: "slow-checkout",
        GroupARN: "arn:aws:xray:local:000000000000:group/slow-checkout/ID2",
        FilterExpression: "responsetime > 2",
        InsightsConfiguration: { InsightsEnabled: false, NotificationsEnabled: false },
      },
    });
    const arn = "arn:aws:xray:local:000000000000:group/slow-checkout/ID2";
    expect(groups.find({ GroupARN: arn })?.GroupName).toBe("slow-checkout");
    expect(groups.find({ GroupName: "slow-checkout", GroupARN: "arn:other" })).toBeUndefined();
  });

  it.each([
    [
      { GroupName: "has space" },
      'GroupName "has space" is not valid: use 1 to 32 letters, digits and dashes',
    ],
    [{ GroupName: "x".repeat(33) }, /^GroupName "x+" is not valid/],
    [{ GroupName: "Default" }, "Default is a reserved group name"],
    [
      { GroupName: "bad", FilterExpression: "responsetime >" },
      "invalid FilterExpression: expected a number after '>' at line 1, column 15",
    ],
  ])("refuses %j", (input, message) => {
    const created = registry().create(input);
    expect(created.ok).toBe(false);
    expect(!created.ok && created.error.message).toMatch(message);
  });

  it("refuses a name twice, changing Default's filter, and deleting Default", () => {
    const groups = registry();
    groups.create({ GroupName: "a", FilterExpression: "fault" });
    expect(groups.create({ GroupName: "a" })).toMatchObject({ ok: false });
    expect(groups.update({ GroupName: "Default" }, { FilterExpression: "error" })).toMatchObject({
      ok: false,
    });
    expect(groups.delete({ GroupName: "Default" })).toMatchObject({
      ok: false,
      error: { message: "the Default group cannot be deleted" },
    });
    expect(groups.delete({ GroupName: "nope" })).toMatchObject({
      ok: false,
      error: { message: "Group not found" },
    });
  });

  it("updates the filter and insights, keeping the rest", () => {
    const groups = registry();
    groups.create({ GroupName: "a", FilterExpression: "fault" });
    const updated = groups.update(
      { GroupName: "a" },
      { FilterExpression: "error", InsightsConfiguration: { InsightsEnabled: true } },
    );
    expect(updated).toMatchObject({
      ok: true,
      group: {
        GroupName: "a",
        FilterExpression: "error",
        InsightsConfiguration: { InsightsEnabled: true, NotificationsEnabled: false },
      },
    });
  });

  it("resolves group.name in filter expressions to the group's filter", () => {
    const groups = registry();
    groups.create({ GroupName: "faults", FilterExpression: "fault" });
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1 << 20 });
    const base = { name: "svc", start_time: 1, end_time: 2 };
    const faulty = {
      ...base,
      id: "a".repeat(16),
      trace_id: `1-00000001-${"a".repeat(24)}`,
      fault: true,
    };
    const fine = { ...base, id: "b".repeat(16), trace_id: `1-00000001-${"b".repeat(24)}` };
    for (const document of [faulty, fine]) {
      const parsed = parseDocumentText(JSON.stringify(document));
      if (!parsed.ok) throw new Error(parsed.rejection.message);
      store.ingest(parsed.document, parsed.raw, parsed.raw.length, epochMillis(0));
    }
    const compiled = compileFilter('group.name = "faults"');
    if (!compiled.ok) throw new Error(compiled.error.message);
    const matching = store.traceIds().filter((id) => {
      const trace = store.getTrace(id);
      const summary = store.getSummary(id);
      return trace && summary && compiled.filter.matches({ trace, summary, group: groups.resolve });
    });
    expect(matching).toEqual([faulty.trace_id]);
  });

  describe("groups naming groups", () => {
    const plain = Array.from({ length: MAX_FILTER_TERMS }, (_, n) => `annotation.k${n} = ${n}`);
    const naming = (name: string, times: number) =>
      Array.from({ length: times }, () => `group.name = "${name}"`).join(" OR ");

    it(`refuses a filter over ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded`, () => {
      const groups = registry();
      expect(groups.create({ GroupName: "big", FilterExpression: plain.join(" OR ") }).ok).toBe(
        true,
      );
      expect(groups.create({ GroupName: "nine", FilterExpression: naming("big", 9) }).ok).toBe(
        true,
      );
      const tenth = 9 * 'group.name = "big" OR '.length;
      expect(groups.create({ GroupName: "ten", FilterExpression: naming("big", 10) })).toEqual({
        ok: false,
        error: {
          kind: "invalid",
          message: `invalid FilterExpression: the filter has more than ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded, through group "big" at line 1, column ${tenth + 1}`,
        },
      });
      expect(groups.find({ GroupName: "ten" })).toBeUndefined();
    });

    it("refuses a change that makes another group, naming this one, too large", () => {
      const groups = registry();
      groups.create({ GroupName: "outer", FilterExpression: naming("inner", 10) });
      expect(
        groups.create({ GroupName: "inner", FilterExpression: plain.join(" OR ") }),
      ).toMatchObject({
        ok: false,
        error: {
          message: `invalid FilterExpression: with this filter, group "outer" has more than ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded, through group "inner" at line 1, column ${9 * 'group.name = "inner" OR '.length + 1} of its FilterExpression`,
        },
      });
      expect(groups.create({ GroupName: "inner", FilterExpression: "ok" }).ok).toBe(true);
      const update = groups.update(
        { GroupName: "inner" },
        { FilterExpression: plain.join(" OR ") },
      );
      expect(update).toMatchObject({ ok: false });
      expect(!update.ok && update.error.message).toContain('group "outer" has more than');
      expect(groups.find({ GroupName: "inner" })?.FilterExpression).toBe("ok");
      // A change that does not touch the filter is not counted again.
      expect(
        groups.update({ GroupName: "inner" }, { InsightsConfiguration: { InsightsEnabled: true } })
          .ok,
      ).toBe(true);
    });

    it("accepts groups that name each other in a cycle, each reference back counted once", () => {
      const groups = registry();
      expect(
        groups.create({ GroupName: "ping", FilterExpression: 'group.name = "pong" OR error' }).ok,
      ).toBe(true);
      expect(
        groups.create({ GroupName: "pong", FilterExpression: 'group.name = "ping" OR fault' }).ok,
      ).toBe(true);
      expect(groups.create({ GroupName: "self", FilterExpression: 'group.name = "self"' }).ok).toBe(
        true,
      );
      const query = compileFilterWithGroups('group.name = "ping"', groups.resolve);
      if (!query.ok) throw new Error(query.error.message);
      // ping → pong → ping (cut: one term), fault, error.
      expect(expandedTermCount(query.filter, groups.resolve)).toBe(5);
    });

    it("refuses 25 groups naming each other 100 times, where the chain grows", () => {
      const groups = registry();
      const names = Array.from({ length: 25 }, (_, n) => `g${n}`);
      const refused = new Map<string, string>();
      for (const name of names) {
        const others = names.filter((other) => other !== name);
        const expression = Array.from(
          { length: MAX_FILTER_TERMS },
          (_, n) => `group.name = "${others[n % others.length]}"`,
        ).join(" OR ");
        const created = groups.create({ GroupName: name, FilterExpression: expression });
        if (!created.ok) refused.set(name, created.error.message);
      }
      // g0 names groups that do not exist yet, g1 costs about 500 terms through g0; from g2
      // on, each would cost more than the limit through the groups before it.
      expect([...refused.keys()]).toEqual(names.slice(2));
      expect(refused.get("g2")).toBe(
        `invalid FilterExpression: the filter has more than ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded, through group "g1" → "g0" at line 1, column 22`,
      );
      for (const name of ["Default", "g0", "g1"]) {
        expect(compileFilterWithGroups(`group.name = "${name}"`, groups.resolve).ok).toBe(true);
      }
    });
  });
});
