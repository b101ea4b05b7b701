/**
 * Encryption config, the indexing rule and the trace segment destination set through the
 * official @aws-sdk/client-xray outlive a restart on the same data dir, and only then.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GetEncryptionConfigCommand,
  GetIndexingRulesCommand,
  GetTraceSegmentDestinationCommand,
  PutEncryptionConfigCommand,
  UpdateIndexingRuleCommand,
  UpdateTraceSegmentDestinationCommand,
  type XRayClient,
} from "@aws-sdk/client-xray";
import { describe, expect, it } from "vitest";
import { DataDirError } from "../src/errors.ts";
import { ACCOUNT_SETTINGS_FILE } from "../src/xray-api/account-settings-file.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { daemonsClosedAfterEach } from "./support/daemons-closed-after-each.ts";
import { tempDir } from "./support/temp-dir.ts";
import { xrayClientFor } from "./support/xray-client.ts";

const { start, closeAfterTest } = daemonsClosedAfterEach();

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

async function changeSettings(xray: XRayClient): Promise<void> {
  await xray.send(new PutEncryptionConfigCommand({ Type: "KMS", KeyId: KEY }));
  await xray.send(
    new UpdateIndexingRuleCommand({
      Name: "Default",
      Rule: { Probabilistic: { DesiredSamplingPercentage: 7.5 } },
    }),
  );
  await xray.send(new UpdateTraceSegmentDestinationCommand({ Destination: "CloudWatchLogs" }));
}

async function readSettings(xray: XRayClient) {
  const encryption = await xray.send(new GetEncryptionConfigCommand({}));
  const indexing = await xray.send(new GetIndexingRulesCommand({}));
  const destination = await xray.send(new GetTraceSegmentDestinationCommand({}));
  const rule = indexing.IndexingRules?.[0];
  return {
    encryption: encryption.EncryptionConfig,
    percentage: rule?.Rule?.Probabilistic?.DesiredSamplingPercentage,
    modifiedAt: rule?.ModifiedAt,
    destination: destination.Destination,
  };
}

describe("account settings in the data dir", () => {
  it("come back after a restart on the same data dir", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await changeSettings(xrayClientFor(first.url));
    const before = await readSettings(xrayClientFor(first.url));
    await first.close();
    expect(existsSync(join(dataDir, ACCOUNT_SETTINGS_FILE))).toBe(true);

    const second = await start({ dataDir });
    const after = await readSettings(xrayClientFor(second.url));
    expect(after).toEqual(before);
    expect(after).toMatchObject({
      encryption: { Type: "KMS", KeyId: KEY, Status: "ACTIVE" },
      percentage: 7.5,
      destination: "CloudWatchLogs",
    });
  });

  it("are the defaults again after a restart without a data dir", async () => {
    const first = await start({});
    await changeSettings(xrayClientFor(first.url));
    await first.close();
    const second = await start({});
    expect(await readSettings(xrayClientFor(second.url))).toMatchObject({
      encryption: { Type: "NONE", Status: "ACTIVE" },
      percentage: 1,
      destination: "XRay",
    });
  });

  it("save each later change over the one before", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const xray = xrayClientFor(first.url);
    await changeSettings(xray);
    await xray.send(new PutEncryptionConfigCommand({ Type: "NONE" }));
    await first.close();
    const second = await start({ dataDir });
    const after = await readSettings(xrayClientFor(second.url));
    expect(after.encryption).toEqual({ Type: "NONE", Status: "ACTIVE" });
    expect(after.destination).toBe("CloudWatchLogs");
  });

  it.each<[string, RegExp]>([
    [
      JSON.stringify({ version: 1, settings: [{ Setting: "EncryptionConfig", Type: "AES" }] }),
      /account-settings\.json: setting 1: Type must be NONE or KMS/,
    ],
    [
      JSON.stringify({
        version: 1,
        settings: [
          {
            Setting: "IndexingRule",
            Name: "Default",
            DesiredSamplingPercentage: 101,
            ModifiedAt: 1,
          },
        ],
      }),
      /account-settings\.json: setting 1: DesiredSamplingPercentage must be a number from 0 to 100/,
    ],
    [
      JSON.stringify({ version: 1, settings: [{ Setting: "Sharding" }] }),
      /account-settings\.json: setting 1: unknown Setting "Sharding"/,
    ],
    [JSON.stringify({ version: 2, settings: [] }), /written by a newer xray-sandbox/],
  ])(
    "refuse to start on a bad file %s, naming it and leaving it as it was",
    async (text, message) => {
      const dataDir = tempDir();
      writeFileSync(join(dataDir, ACCOUNT_SETTINGS_FILE), text);
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
      expect(readFileSync(join(dataDir, ACCOUNT_SETTINGS_FILE), "utf8")).toBe(text);
    },
  );
});
