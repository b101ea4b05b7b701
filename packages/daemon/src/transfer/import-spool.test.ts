import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.ts";
import { receiveImport, UploadStoppedError } from "./import-spool.ts";

const MIB = 1024 * 1024;
const TRACE = "1-5f84c7a0-0123456789abcdef01234567";

function record(n: number): string {
  const doc = {
    name: "checkout",
    id: n.toString(16).padStart(16, "0"),
    trace_id: TRACE,
    start_time: 1_700_000_000 + n,
    end_time: 1_700_000_001 + n,
    metadata: { note: "x".repeat(800) },
  };
  return JSON.stringify({ v: 2, receivedAt: 1_700_000_000_000 + n, traceId: TRACE, doc });
}

describe("receiveImport", () => {
  it("stops checking a large chunk at the next pause when the sandbox shuts down", async () => {
    const lines = Array.from({ length: 1_000 }, (_, n) => record(n + 1));
    const chunk = new TextEncoder().encode(`${lines.join("\n")}\n`);
    const stop = new AbortController();
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          // Runs at the first turn the checking lets the event loop take.
          setImmediate(() => stop.abort());
          controller.enqueue(chunk);
        },
        // No read ahead: `pull` runs when receiving reads the chunk.
      },
      new CountQueuingStrategy({ highWaterMark: 0 }),
    );
    let mostLinesChecked = 0;
    const receiving = receiveImport(body, {
      tempDir: tempDir(),
      bounds: { maxBytes: 16 * MIB, maxLineBytes: MIB, maxWholeBytes: 0 },
      listedProblems: 20,
      signal: stop.signal,
      sliceMs: 0,
      onProgress: ({ linesChecked }) => {
        mostLinesChecked = Math.max(mostLinesChecked, linesChecked);
      },
    });

    await expect(receiving).rejects.toBeInstanceOf(UploadStoppedError);
    // Checked a step at a time with turns between: the chunk was not checked to its end.
    expect(mostLinesChecked).toBeLessThan(lines.length);
  });
});
