import { describe, expect, it } from "vitest";
import { GroupRegistry } from "./group-registry.ts";
import { formatGroupsFile, parseGroupsFile } from "./groups-file.ts";

const ARN = "arn:aws:xray:local:000000000000:group/";
const NO_INSIGHTS = { InsightsEnabled: false, NotificationsEnabled: false };

function registry() {
  let n = 0;
  return new GroupRegistry(() => `ID${++n}`);
}

function fileOf(groups: unknown[], version: unknown = 1): string {
  return JSON.stringify({ version, groups });
}

describe("groups.json", () => {
  it("reads back what it wrote, ARNs and all", () => {
    const groups = registry();
    groups.create({ GroupName: "slow", FilterExpression: "responsetime > 2" });
    groups.create({
      GroupName: "slow-errors",
      FilterExpression: 'group.name = "slow" AND error',
      InsightsConfiguration: { NotificationsEnabled: true },
    });
    const parsed = parseGroupsFile(formatGroupsFile(groups.list()));
    expect(parsed).toEqual({ ok: true, groups: groups.list() });

    const restored = registry();
    expect(parsed.ok && restored.restore(parsed.groups)).toBeUndefined();
    expect(restored.list()).toEqual(groups.list());
    expect(restored.filterOf({ GroupARN: `${ARN}slow-errors/ID3` })?.source).toBe(
      'group.name = "slow" AND error',
    );
  });

  it("fills in InsightsConfiguration when it is left out", () => {
    expect(
      parseGroupsFile(fileOf([{ GroupName: "Default", GroupARN: `${ARN}Default/X1` }])),
    ).toEqual({
      ok: true,
      groups: [
        { GroupName: "Default", GroupARN: `${ARN}Default/X1`, InsightsConfiguration: NO_INSIGHTS },
      ],
    });
  });

  it.each([
    ["", /^not valid JSON/],
    ["[]", /^expected \{"version": 1, "groups": \[\.\.\.\]\}/],
    [
      fileOf([], 3),
      /^it was written by a newer xray-sandbox \(version 3; this one reads version 1\)/,
    ],
    [fileOf([], "1"), /^"version" must be 1, got "1"/],
    [fileOf([7]), /^group 1: expected a group object/],
    [
      fileOf([{ GroupName: "a b", GroupARN: `${ARN}a b/X` }]),
      /^group 1 \("a b"\): GroupName "a b" is not valid/,
    ],
    [
      fileOf([{ GroupName: "a", GroupARN: `${ARN}b/X` }]),
      /^group 1 \("a"\): "GroupARN" must be arn:aws:xray:local:000000000000:group\/a\//,
    ],
    [fileOf([{ GroupName: "a", GroupARN: `${ARN}a/` }]), /"GroupARN" must be/],
    [
      fileOf([{ GroupName: "a", GroupARN: `${ARN}a/X`, Filter: "x" }]),
      /^group 1 \("a"\): unknown field "Filter"/,
    ],
    [
      fileOf([{ GroupName: "a", GroupARN: `${ARN}a/X`, FilterExpression: 3 }]),
      /"FilterExpression" must be a string/,
    ],
    [
      fileOf([{ GroupName: "Default", GroupARN: `${ARN}Default/X`, FilterExpression: "" }]),
      /Default group holds every trace/,
    ],
    [
      fileOf([
        {
          GroupName: "a",
          GroupARN: `${ARN}a/X`,
          InsightsConfiguration: { InsightsEnabled: "yes" },
        },
      ]),
      /"InsightsConfiguration" fields must be true or false/,
    ],
  ])("refuses %s", (text, message) => {
    const parsed = parseGroupsFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(message);
  });
});

describe("GroupRegistry.restore", () => {
  const group = (name: string, id: string, FilterExpression?: string) => ({
    GroupName: name,
    GroupARN: `${ARN}${name}/${id}`,
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    InsightsConfiguration: NO_INSIGHTS,
  });

  it("resolves groups that name groups listed after them", () => {
    const groups = registry();
    expect(
      groups.restore([
        group("Default", "D"),
        group("both", "B", 'group.name = "later" OR fault'),
        group("later", "L", "error"),
      ]),
    ).toBeUndefined();
    expect(groups.list().map((each) => each.GroupARN)).toEqual([
      `${ARN}Default/D`,
      `${ARN}both/B`,
      `${ARN}later/L`,
    ]);
  });

  it.each([
    [[group("a", "A", "error")], "there is no Default group"],
    [[group("Default", "D"), group("a", "A"), group("a", "B")], 'group "a" is there twice'],
    [
      [group("Default", "D"), { ...group("a", "A"), GroupARN: `${ARN}Default/D` }],
      'group "a": its GroupARN is another group\'s too',
    ],
    [
      [group("Default", "D"), group("a", "A", "responsetime >")],
      /^group "a": invalid FilterExpression/,
    ],
    [
      [group("Default", "D"), ...Array.from({ length: 26 }, (_, i) => group(`g${i}`, `G${i}`))],
      "26 groups besides Default, more than the 25 X-Ray allows",
    ],
  ])("refuses %#, keeping the groups it had", (saved, message) => {
    const groups = registry();
    groups.create({ GroupName: "kept", FilterExpression: "error" });
    const before = groups.list();
    const problem = groups.restore(saved);
    expect(problem).toMatch(message);
    expect(groups.list()).toEqual(before);
  });

  it("refuses groups whose expansion is too large", () => {
    const many = Array.from({ length: 90 }, (_, i) => `http.status = ${i}`).join(" OR ");
    const twelve = Array.from({ length: 12 }, () => 'group.name = "a"').join(" OR ");
    const groups = registry();
    const problem = groups.restore([
      group("Default", "D"),
      group("a", "A", many),
      group("b", "B", twelve),
    ]);
    expect(problem).toMatch(
      /^invalid FilterExpression: group "b" has more than 1000 terms with its groups expanded/,
    );
  });

  it("tells its listeners about every change", () => {
    const groups = registry();
    const seen: string[][] = [];
    groups.subscribe((list) => seen.push(list.map((each) => each.GroupName)));
    groups.create({ GroupName: "a", FilterExpression: "error" });
    groups.update({ GroupName: "a" }, { FilterExpression: "fault" });
    groups.create({ GroupName: "a" });
    groups.delete({ GroupName: "a" });
    groups.restore([group("Default", "D"), group("b", "B")]);
    expect(seen).toEqual([["Default", "a"], ["Default", "a"], ["Default"], ["Default", "b"]]);
  });
});
