import { epochMillis } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import { importEntries } from "./import-entries.ts";
import type { ImportEntry } from "./import-file.ts";

function entries(count: number): ImportEntry[] {
  return Array.from({ length: count }, (_, n) => ({
    document: {} as ImportEntry["document"],
    raw: `{"n":${n}}`,
    receivedAt: epochMillis(1_780_000_000_000 + n),
    where: `line ${n + 1}`,
    origin: undefined,
  }));
}

describe("importEntries", () => {
  it("stores the entries a chunk at a time, letting the event loop run between chunks", async () => {
    const order: string[] = [];
    let turns = 0;
    const tick = (): void => {
      turns++;
      order.push("turn");
      if (turns < 10) setImmediate(tick);
    };
    setImmediate(tick);
    const outcome = await importEntries(
      entries(10),
      {
        ingest: (_raw, _at, where) => {
          order.push(where);
          return { status: "stored" } as DocumentOutcome;
        },
      },
      { sliceDocuments: 4, sliceMs: Number.POSITIVE_INFINITY },
    );
    expect(outcome).toEqual({ imported: 10, alreadyStored: 0, refused: [] });
    const stored = order.filter((step) => step !== "turn");
    expect(stored).toEqual(entries(10).map((entry) => entry.where));
    // Each chunk of 4 runs without a turn in between; a turn comes between chunks.
    const chunks = order
      .join(",")
      .split(/(?:,?turn,?)+/)
      .filter((part) => part !== "");
    expect(chunks.map((part) => part.split(",").length)).toEqual([4, 4, 2]);
  });
});
