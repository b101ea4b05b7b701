/**
 * Groups and sampling rules made through the official @aws-sdk/client-xray outlive a restart
 * on the same data dir, and only then.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  DeleteGroupCommand,
  DeleteSamplingRuleCommand,
  GetGroupCommand,
  GetGroupsCommand,
  GetSamplingRulesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
} from "@aws-sdk/client-xray";
import { describe, expect, it } from "vitest";
import { type Daemon, startDaemon } from "../src/daemon.ts";
import { DataDirError } from "../src/errors.ts";
import { capturingLogger } from "./support/capturing-logger.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import { daemonsClosedAfterEach } from "./support/daemons-closed-after-each.ts";
import { tempDir } from "./support/temp-dir.ts";
import { xrayClientFor } from "./support/xray-client.ts";

const { start, closeAfterTest } = daemonsClosedAfterEach();

const rule = (name: string, priority: number) => ({
  RuleName: name,
  ResourceARN: "*",
  Priority: priority,
  FixedRate: 0.25,
  ReservoirSize: 3,
  ServiceName: `svc-${name}`,
  ServiceType: "*",
  Host: "*",
  HTTPMethod: "GET",
  URLPath: "/api/*",
  Version: 1,
  Attributes: { team: name },
});

/** Groups and rules made, changed and deleted over the API. */
async function makeSettings(daemon: Daemon): Promise<void> {
  const xray = xrayClientFor(daemon.url);
  await xray.send(
    new CreateGroupCommand({ GroupName: "slow", FilterExpression: "responsetime > 2" }),
  );
  await xray.send(
    new CreateGroupCommand({
      GroupName: "slow-errors",
      FilterExpression: 'group.name = "slow" AND error',
      InsightsConfiguration: { InsightsEnabled: true },
    }),
  );
  await xray.send(new CreateGroupCommand({ GroupName: "gone", FilterExpression: "fault" }));
  await xray.send(
    new UpdateGroupCommand({ GroupName: "slow", FilterExpression: "responsetime > 3" }),
  );
  await xray.send(new DeleteGroupCommand({ GroupName: "gone" }));
  await xray.send(new CreateSamplingRuleCommand({ SamplingRule: rule("checkout", 5) }));
  await xray.send(new CreateSamplingRuleCommand({ SamplingRule: rule("search", 7) }));
  await xray.send(new CreateSamplingRuleCommand({ SamplingRule: rule("dropped", 9) }));
  await xray.send(
    new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: "search", FixedRate: 0.5 } }),
  );
  await xray.send(
    new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: "Default", FixedRate: 0.1 } }),
  );
  await xray.send(new DeleteSamplingRuleCommand({ RuleName: "dropped" }));
}

async function readSettings(daemon: Daemon) {
  const xray = xrayClientFor(daemon.url);
  const groups = (await xray.send(new GetGroupsCommand({}))).Groups ?? [];
  const records = (await xray.send(new GetSamplingRulesCommand({}))).SamplingRuleRecords ?? [];
  return { groups, rules: records.map((record) => record.SamplingRule) };
}

describe("groups and sampling rules in the data dir", () => {
  it("come back after a restart with the same ARNs, filters and rules", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await makeSettings(first);
    const before = await readSettings(first);
    expect(before.groups.map((group) => group.GroupName)).toEqual([
      "Default",
      "slow",
      "slow-errors",
    ]);
    expect(before.rules.map((each) => each?.RuleName)).toEqual(["checkout", "search", "Default"]);
    // One whole file per change: 5 to the groups, 6 to the rules; and Default at start.
    expect((await fetchStats(first)).persistence?.savedSettings).toEqual({
      writes: 12,
      writeErrors: 0,
    });
    await first.close();

    const second = await start({ dataDir });
    const after = await readSettings(second);
    expect(after.groups).toEqual(before.groups);
    expect(after.rules).toEqual(before.rules);
    expect(after.rules.find((each) => each?.RuleName === "search")?.FixedRate).toBe(0.5);
    expect(after.rules.find((each) => each?.RuleName === "Default")?.FixedRate).toBe(0.1);
    const slowErrors = before.groups.find((group) => group.GroupName === "slow-errors");
    const byArn = await xrayClientFor(second.url).send(
      new GetGroupCommand({ GroupARN: slowErrors?.GroupARN }),
    );
    expect(byArn.Group).toEqual(slowErrors);
    // The restored filters work: a group naming another resolves it.
    expect(second.groups.filterOf({ GroupName: "slow-errors" })?.source).toBe(
      'group.name = "slow" AND error',
    );
    expect((await fetchStats(second)).persistence?.savedSettings).toEqual({
      writes: 0,
      writeErrors: 0,
    });
  });

  it("keeps Default's ARN even when no group was ever made", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const before = (await readSettings(first)).groups;
    await first.close();
    const second = await start({ dataDir });
    expect((await readSettings(second)).groups).toEqual(before);
    expect(before.map((group) => group.GroupName)).toEqual(["Default"]);
  });

  it("writes nothing once the daemon is closed and the data dir released", async () => {
    const dataDir = tempDir();
    const daemon = await start({ dataDir });
    await makeSettings(daemon);
    await daemon.close();
    const before = readFileSync(join(dataDir, "groups.json"), "utf8");
    expect(daemon.groups.create({ GroupName: "late" }).ok).toBe(true);
    expect(daemon.sampling.createRule({ RuleName: "late", Priority: 1, FixedRate: 1 }).ok).toBe(
      true,
    );
    expect(readFileSync(join(dataDir, "groups.json"), "utf8")).toBe(before);
    expect(readFileSync(join(dataDir, "sampling-rules.json"), "utf8")).not.toContain("late");
  });

  it("keeps the tags on groups and rules", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const xray = xrayClientFor(first.url);
    const group = await xray.send(
      new CreateGroupCommand({
        GroupName: "tagged",
        FilterExpression: "error",
        Tags: [{ Key: "team", Value: "shop" }],
      }),
    );
    const gone = await xray.send(
      new CreateGroupCommand({ GroupName: "gone", Tags: [{ Key: "k", Value: "v" }] }),
    );
    const created = await xray.send(
      new CreateSamplingRuleCommand({
        SamplingRule: rule("checkout", 5),
        Tags: [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
      }),
    );
    const groupArn = group.Group?.GroupARN;
    const ruleArn = created.SamplingRuleRecord?.SamplingRule?.RuleARN;
    await xray.send(
      new TagResourceCommand({ ResourceARN: groupArn, Tags: [{ Key: "tier", Value: "1" }] }),
    );
    await xray.send(new UntagResourceCommand({ ResourceARN: ruleArn, TagKeys: ["a"] }));
    await xray.send(new DeleteGroupCommand({ GroupName: "gone" }));
    await first.close();

    const second = await start({ dataDir });
    const again = xrayClientFor(second.url);
    const tagsOf = async (arn: string | undefined) =>
      (await again.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags;
    expect(await tagsOf(groupArn)).toEqual([
      { Key: "team", Value: "shop" },
      { Key: "tier", Value: "1" },
    ]);
    expect(await tagsOf(ruleArn)).toEqual([{ Key: "b", Value: "2" }]);
    // A deleted group's tags do not come back, even if a group of that name is made again.
    await again.send(new CreateGroupCommand({ GroupName: "gone" }));
    expect(second.groups.find({ GroupName: "gone" })?.GroupARN).not.toBe(gone.Group?.GroupARN);
    const recreated = second.groups.find({ GroupName: "gone" })?.GroupARN;
    expect(await tagsOf(recreated)).toEqual([]);
  });

  it("keeps changes made after a restart too", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await makeSettings(first);
    await first.close();
    const second = await start({ dataDir });
    const xray = xrayClientFor(second.url);
    await xray.send(new DeleteGroupCommand({ GroupName: "slow-errors" }));
    await xray.send(new DeleteSamplingRuleCommand({ RuleName: "checkout" }));
    const before = await readSettings(second);
    await second.close();

    const third = await start({ dataDir });
    expect(await readSettings(third)).toEqual(before);
    expect(before.groups.map((group) => group.GroupName)).toEqual(["Default", "slow"]);
    expect(before.rules.map((each) => each?.RuleName)).toEqual(["search", "Default"]);
  });

  it("are not kept without a data dir, and nothing is written", async () => {
    const first = await start({});
    await makeSettings(first);
    expect((await fetchStats(first)).persistence).toBeNull();
    await first.close();

    const second = await start({});
    const after = await readSettings(second);
    expect(after.groups.map((group) => group.GroupName)).toEqual(["Default"]);
    expect(after.rules.map((each) => each?.RuleName)).toEqual(["Default"]);
  });

  it("writes whole files through a temporary file, versioned", async () => {
    const dataDir = tempDir();
    const daemon = await start({ dataDir });
    await makeSettings(daemon);
    const groups = JSON.parse(readFileSync(join(dataDir, "groups.json"), "utf8"));
    const rules = JSON.parse(readFileSync(join(dataDir, "sampling-rules.json"), "utf8"));
    expect(groups.version).toBe(1);
    expect(groups.groups).toEqual((await readSettings(daemon)).groups);
    expect(rules.version).toBe(1);
    expect(rules.rules.map((each: { RuleName: string }) => each.RuleName)).toEqual([
      "checkout",
      "search",
      "Default",
    ]);
    expect(existsSync(join(dataDir, "groups.json.tmp"))).toBe(false);
    expect(existsSync(join(dataDir, "sampling-rules.json.tmp"))).toBe(false);
  });

  it("lets rules given at start replace the saved ones, and saves them", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await makeSettings(first);
    await first.close();

    const { logger, records } = capturingLogger();
    const second = await startDaemon(
      {
        udp: { host: "127.0.0.1", port: 0 },
        tcp: { host: "127.0.0.1", port: 0 },
        dataDir,
        samplingRules: [{ RuleName: "from-file", Priority: 1, FixedRate: 1 }],
      },
      { logger },
    );
    closeAfterTest(second);
    expect((await readSettings(second)).rules.map((each) => each?.RuleName)).toEqual([
      "from-file",
      "Default",
    ]);
    expect(records.map((record) => record.msg)).toContain(
      "the sampling rules given at start replace the 3 kept in sampling-rules.json",
    );
    // The groups are untouched.
    expect((await readSettings(second)).groups.map((group) => group.GroupName)).toEqual([
      "Default",
      "slow",
      "slow-errors",
    ]);
    await second.close();

    const third = await start({ dataDir });
    expect((await readSettings(third)).rules.map((each) => each?.RuleName)).toEqual([
      "from-file",
      "Default",
    ]);
  });

  it.each([
    ["groups.json", "{not json", /groups\.json: not valid JSON/],
    ["groups.json", '{"version": 2, "groups": []}', /groups\.json: it was written by a newer/],
    [
      "groups.json",
      JSON.stringify({
        version: 1,
        groups: [
          {
            GroupName: "Default",
            GroupARN: "arn:aws:xray:local:000000000000:group/Default/ABC",
          },
          {
            GroupName: "bad",
            GroupARN: "arn:aws:xray:local:000000000000:group/bad/ABC2",
            FilterExpression: "responsetime >",
          },
        ],
      }),
      /groups\.json: group "bad": invalid FilterExpression/,
    ],
    ["sampling-rules.json", "[]", /sampling-rules\.json: expected \{"version": 1, "rules"/],
    [
      "tags.json",
      JSON.stringify({
        version: 1,
        resources: [{ ResourceARN: "x", Tags: [{ Key: "aws:x", Value: "" }] }],
      }),
      /tags\.json: resource 1: Tags\[0\]\.Key must not start with "aws:"/,
    ],
    [
      "sampling-rules.json",
      JSON.stringify({ version: 1, rules: [{ RuleName: "x", Priority: 1, FixedRate: 7 }] }),
      /sampling-rules\.json: rule 1 \("x"\): "FixedRate"/,
    ],
  ])("refuses to start on a bad %s (%s), naming the file", async (file, text, message) => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, file), text);
    const error = await startTestDaemon({ dataDir }).then(
      (daemon) => {
        closeAfterTest(daemon);
        throw new Error("started");
      },
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain("fix the file, or remove it");
    // Nothing was overwritten, and the data dir is free again.
    expect(readFileSync(join(dataDir, file), "utf8")).toBe(text);
    expect(existsSync(join(dataDir, "daemon.lock"))).toBe(false);
  });
});
