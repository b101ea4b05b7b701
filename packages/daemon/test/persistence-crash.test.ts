import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxStats, TraceListBody } from "@xray-sandbox/segments";
import { describe, expect, it, vi } from "vitest";
import { type CliProcess, startCliProcess } from "./support/cli-process.ts";
import { segmentDatagram, traceId } from "./support/segments.ts";
import { tempDir } from "./support/temp-dir.ts";
import { sendDatagrams } from "./support/udp.ts";

const BATCH = 100;
const BATCHES = 9;
/** The batch after which the daemon is killed, with the next batch on its way. */
const KILL_AFTER = 8;

async function stats(cli: CliProcess): Promise<SandboxStats> {
  const response = await fetch(`${cli.url}/api/stats`);
  return (await response.json()) as SandboxStats;
}

async function traceIds(cli: CliProcess): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${cli.url}/api/traces?limit=1000${query}`);
    const body = (await response.json()) as TraceListBody;
    ids.push(...body.traces.map((trace) => trace.id));
    cursor = body.nextCursor;
  } while (cursor !== undefined);
  return ids;
}

describe("the segment log after kill -9", () => {
  it("brings back every document acknowledged as persisted, none twice", async () => {
    const dataDir = tempDir();
    const first = await startCliProcess(["--data-dir", dataDir]);

    let acknowledged = 0;
    let sent = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const payloads = Array.from({ length: BATCH }, (_, i) => segmentDatagram(sent + i + 1));
      await sendDatagrams(first.udp, payloads);
      sent += BATCH;
      if (batch === KILL_AFTER) {
        acknowledged = (await stats(first)).persistence?.persisted ?? 0;
        first.child.kill("SIGKILL");
        break;
      }
      // Paced: the kernel's queue never overflows, so arrival order is send order.
      await vi.waitFor(async () => expect((await stats(first)).datagrams.received).toBe(sent), {
        timeout: 10_000,
        interval: 20,
      });
    }
    expect(await first.exited).toBe("SIGKILL");
    expect(acknowledged).toBeGreaterThan(0);

    const second = await startCliProcess(["--data-dir", dataDir]);
    const restored = await traceIds(second);
    const expected = Array.from({ length: acknowledged }, (_, i) => traceId(i + 1));
    expect(restored).toEqual(expect.arrayContaining(expected));
    expect(new Set(restored).size).toBe(restored.length);
    const sentIds = new Set(Array.from({ length: sent }, (_, i) => traceId(i + 1)));
    expect(restored.every((id) => sentIds.has(id))).toBe(true);

    const after = await stats(second);
    expect(after.persistence).toMatchObject({ replayed: restored.length });
    expect(after.store.duplicates).toBe(0);
    const lines = readFileSync(join(dataDir, "segments.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(restored.length);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
