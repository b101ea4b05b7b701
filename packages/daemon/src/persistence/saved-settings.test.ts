import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capturingLogger } from "../../test/support/capturing-logger.ts";
import { tempDir } from "../../test/support/temp-dir.ts";
import { GroupRegistry } from "../groups/group-registry.ts";
import { SamplingRuleSet } from "../sampling/sampling-rule-set.ts";
import { readSavedSettings, SavedSettingsWriter } from "./saved-settings.ts";
import { writeFileAtomic } from "./write-file-atomic.ts";

describe("readSavedSettings", () => {
  it("reads nothing from a data dir without the files", () => {
    expect(readSavedSettings(tempDir())).toEqual({
      ok: true,
      saved: { groups: undefined, rules: undefined },
    });
  });

  it("reads what SavedSettingsWriter wrote", () => {
    const dir = tempDir();
    const groups = new GroupRegistry();
    groups.create({ GroupName: "slow", FilterExpression: "responsetime > 1" });
    const rules = new SamplingRuleSet();
    rules.create({ RuleName: "a", Priority: 3, FixedRate: 0.5 });
    const writer = new SavedSettingsWriter(dir, capturingLogger().logger);
    writer.saveGroups(groups.list());
    writer.saveRules(rules.records());
    expect(writer.stats()).toEqual({ writes: 2, writeErrors: 0 });
    const read = readSavedSettings(dir);
    expect(read.ok && read.saved.groups).toEqual(groups.list());
    expect(read.ok && read.saved.rules?.map((rule) => rule.RuleName)).toEqual(["a", "Default"]);
  });

  it("names the file and the problem, and how to get past it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sampling-rules.json"), '{"version": 1}');
    expect(readSavedSettings(dir)).toEqual({
      ok: false,
      message:
        'sampling-rules.json: expected {"version": 1, "rules": [...]}; fix the file, or remove it to start without what it held',
    });
  });

  it("says when a file cannot be read", () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const read = readSavedSettings("/data", () => {
      throw denied;
    });
    expect(read).toEqual({ ok: false, message: "cannot read groups.json: permission denied" });
  });
});

describe("SavedSettingsWriter", () => {
  it("logs and counts a write that fails, and goes on", () => {
    const dir = tempDir();
    // A directory where the file should be: the rename over it fails.
    mkdirSync(join(dir, "groups.json"));
    writeFileSync(join(dir, "groups.json", "keep"), "");
    const { logger, records } = capturingLogger();
    const writer = new SavedSettingsWriter(dir, logger);
    writer.saveGroups(new GroupRegistry().list());
    writer.saveRules(new SamplingRuleSet().records());
    expect(writer.stats()).toEqual({ writes: 1, writeErrors: 1 });
    expect(records.map((record) => record.msg)).toEqual([
      expect.stringMatching(
        /^cannot write groups\.json: .*; the change holds until the daemon stops$/,
      ),
    ]);
    expect(existsSync(join(dir, "groups.json.tmp"))).toBe(false);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves no temporary file", () => {
    const path = join(tempDir(), "x.json");
    writeFileAtomic(path, "one\n");
    writeFileAtomic(path, "two\n");
    expect(readFileSync(path, "utf8")).toBe("two\n");
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});
