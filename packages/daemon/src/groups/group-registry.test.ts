import { compileFilter, epochMillis, parseDocumentText, TraceStore } from "@xray-sandbox/segments";
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
});
