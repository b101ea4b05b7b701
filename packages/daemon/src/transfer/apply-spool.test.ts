import type { DocumentOrigin, SegmentId, TraceId } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.ts";
import { applySpool } from "./apply-spool.ts";
import type { ImportTarget } from "./import-entries.ts";
import { type ImportSpool, receiveImport } from "./import-spool.ts";

const spools: ImportSpool[] = [];
afterEach(async () => {
  await Promise.all(spools.splice(0).map((spool) => spool.remove()));
});

const MIB = 1024 * 1024;
const TRACE = "1-5f84c7a0-0123456789abcdef01234567";

function record(n: number, origin: unknown): string {
  const doc = {
    name: "checkout",
    id: n.toString(16).padStart(16, "0"),
    trace_id: TRACE,
    start_time: 1_700_000_000 + n,
    end_time: 1_700_000_001 + n,
  };
  return JSON.stringify({ v: 2, receivedAt: 1_700_000_000_000 + n, traceId: TRACE, origin, doc });
}

async function spoolOf(lines: readonly string[]): Promise<ImportSpool> {
  const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const received = await receiveImport(body, {
    tempDir: tempDir(),
    bounds: { maxBytes: 16 * MIB, maxLineBytes: MIB, maxWholeBytes: 0 },
    listedProblems: 20,
  });
  if (received.kind !== "lines") throw new Error("expected a checked NDJSON file");
  spools.push(received.spool);
  return received.spool;
}

describe("applySpool", () => {
  it("gives documents whose records name the same origin one shared import origin", async () => {
    const api = { kind: "put-trace-segments" };
    const spool = await spoolOf([
      record(1, { kind: "xray-udp" }),
      record(2, { kind: "xray-udp" }),
      record(3, api),
      record(4, { kind: "xray-udp" }),
    ]);
    const seen: (DocumentOrigin | undefined)[] = [];
    const target: ImportTarget = {
      ingest: (_raw, _receivedAt, _where, recorded) => {
        seen.push(recorded);
        return { status: "stored", traceId: TRACE as TraceId, id: "0" as SegmentId, evicted: [] };
      },
    };
    const outcome = await applySpool(spool, target, 20);

    expect(outcome.imported).toBe(4);
    expect(seen[0]).toEqual({ kind: "import", exported: { kind: "xray-udp" } });
    expect(seen[1]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[0]);
    expect(seen[2]).toEqual({ kind: "import", exported: api });
  });
});
