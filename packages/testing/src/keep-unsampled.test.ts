/** `startSandbox({ keepUnsampled: true })` stores ADOT's unsampled (`T1U`) spans. */

import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { sendDatagrams } from "../test/support/udp.ts";
import { startSandbox } from "./start-sandbox.ts";

const unsampled = loadFixtureRun("adot-otlp-udp").filter((capture) =>
  new TextDecoder().decode(capture.bytes).includes("\nT1U"),
);

describe("startSandbox({ keepUnsampled: true })", () => {
  it("keeps ADOT's unsampled spans, and their trace says it is unsampled", async () => {
    await using sandbox = await startSandbox({ keepUnsampled: true });
    const waiting = sandbox.waitForTrace((trace) => trace.summary.origins.includes("adot-udp"));
    await sendDatagrams(
      sandbox.udpAddress,
      unsampled.map((capture) => capture.bytes),
    );
    const trace = await waiting;
    expect(trace.summary).toMatchObject({ unsampled: true, origins: ["adot-udp"] });
    expect((await sandbox.stats()).store.unsampled).toMatchObject({ traces: 1, documents: 2 });
  });
});
