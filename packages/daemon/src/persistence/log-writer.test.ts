import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { capturingLogger } from "../../test/support/capturing-logger.ts";
import { tempDir } from "../../test/support/temp-dir.ts";
import { silentLogger } from "../logger.ts";
import { type LogFile, openLogFile } from "./log-file.ts";
import { LogWriter, type LogWriterOptions } from "./log-writer.ts";

const writers: LogWriter[] = [];

afterEach(async () => {
  await Promise.all(writers.splice(0).map((writer) => writer.close()));
});

const HOUR = 3_600_000;

async function fileWriter(options: Partial<LogWriterOptions> = {}) {
  const path = join(tempDir(), "segments.ndjson");
  const { file, size } = await openLogFile(path);
  const writer = new LogWriter({
    file,
    size,
    logger: silentLogger(),
    flushIntervalMs: HOUR,
    syncIntervalMs: HOUR,
    ...options,
  });
  writers.push(writer);
  return { writer, read: () => readFileSync(path, "utf8") };
}

/** An in-memory file whose writes fail while `failing` is set, and take `maxChunk` bytes at most. */
function memoryFile() {
  const state = { content: "", failing: false, maxChunk: Number.POSITIVE_INFINITY, syncs: 0 };
  const file: LogFile = {
    async write(bytes) {
      if (state.failing) {
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
        });
      }
      const taken = bytes.subarray(0, Math.min(bytes.length, state.maxChunk));
      state.content += Buffer.from(taken).toString("latin1");
      return taken.length;
    },
    async sync() {
      state.syncs++;
    },
    async truncate() {
      state.content = "";
    },
    async close() {},
  };
  return { file, state, text: () => Buffer.from(state.content, "latin1").toString("utf8") };
}

function memoryWriter(options: Partial<LogWriterOptions> = {}) {
  const memory = memoryFile();
  const { logger, records } = capturingLogger();
  const writer = new LogWriter({
    file: memory.file,
    size: 0,
    logger,
    flushIntervalMs: HOUR,
    syncIntervalMs: HOUR,
    ...options,
  });
  writers.push(writer);
  return { writer, ...memory, records };
}

describe("LogWriter", () => {
  it("buffers lines, then writes and fsyncs them together", async () => {
    let now = 1_000;
    const { writer, read } = await fileWriter({ now: () => now });
    writer.append('{"a":1}');
    writer.append('{"b":"é"}');
    now = 1_250;
    expect(writer.stats()).toMatchObject({ persisted: 0, pendingWrite: 2, lagMs: 250 });
    expect(read()).toBe("");

    await writer.flush();
    expect(read()).toBe('{"a":1}\n{"b":"é"}\n');
    expect(writer.stats()).toEqual({
      persisted: 2,
      pendingWrite: 0,
      lagMs: 0,
      lastFsyncAt: 1_250,
      logBytes: Buffer.byteLength('{"a":1}\n{"b":"é"}\n'),
      writeErrors: 0,
      dropped: 0,
    });
  });

  it("writes on its own within the flush interval", async () => {
    const { writer, read } = await fileWriter({ flushIntervalMs: 20 });
    writer.append("line");
    await vi.waitFor(() => expect(read()).toBe("line\n"));
    expect(writer.stats().persisted).toBe(1);
  });

  it("writes at once when enough is buffered", async () => {
    const { writer, read } = await fileWriter({ flushChars: 10 });
    writer.append("short");
    writer.append("long enough");
    await vi.waitFor(() => expect(read()).toBe("short\nlong enough\n"));
  });

  it("fsyncs written lines on the sync timer", async () => {
    const { writer, state } = memoryWriter({ flushIntervalMs: 5, syncIntervalMs: 20 });
    writer.append("line");
    await vi.waitFor(() => expect(writer.stats().lastFsyncAt).not.toBeNull());
    expect(state.syncs).toBe(1);
  });

  it("counts a failed write, logs it once, keeps the lines and writes them once it can", async () => {
    const { writer, state, text, records } = memoryWriter();
    state.failing = true;
    writer.append("one");
    writer.append("two");
    await writer.flush();
    writer.append("three");
    await writer.flush();
    expect(writer.stats()).toMatchObject({ persisted: 0, pendingWrite: 3, writeErrors: 2 });
    expect(records.filter((record) => record.level === 50)).toHaveLength(1);
    expect(records[0]?.msg).toMatch(/^segment log write failed \(traces stay in memory/);

    state.failing = false;
    await writer.flush();
    expect(text()).toBe("one\ntwo\nthree\n");
    expect(writer.stats()).toMatchObject({ persisted: 3, pendingWrite: 0, writeErrors: 2 });
    expect(records.at(-1)?.msg).toMatch(/writes work again/);
  });

  it("finishes a partial write where it stopped", async () => {
    const { writer, state, text } = memoryWriter();
    state.maxChunk = 3;
    writer.append("abcdefgh");
    writer.append("✓✓");
    await writer.flush();
    expect(text()).toBe("abcdefgh\n✓✓\n");
  });

  it("drops and counts lines beyond its buffer bound instead of growing", async () => {
    const { writer, state } = memoryWriter({ maxPendingChars: 13 });
    state.failing = true;
    writer.append("12345");
    writer.append("12345");
    writer.append("12345");
    expect(writer.stats()).toMatchObject({ pendingWrite: 2, dropped: 1 });
  });

  it("clear empties the file and forgets earlier lines, keeping later ones", async () => {
    const { writer, read } = await fileWriter();
    writer.append("written");
    await writer.flush();
    writer.append("buffered");
    const cleared = writer.clear();
    writer.append("after");
    await cleared;
    await writer.flush();
    expect(read()).toBe("after\n");
    expect(writer.stats().logBytes).toBe(6);
  });

  it("does not retry lines from before a clear", async () => {
    const { writer, state, text } = memoryWriter();
    state.failing = true;
    writer.append("before");
    await writer.flush();
    await writer.clear();
    state.failing = false;
    writer.append("after");
    await writer.flush();
    expect(text()).toBe("after\n");
  });

  it("writes what is buffered when closed, and ignores lines after", async () => {
    const { writer, read } = await fileWriter();
    writer.append("last");
    await writer.close();
    writer.append("too late");
    expect(read()).toBe("last\n");
  });
});
