import { readdirSync } from "node:fs";
import type {
  HealthBody,
  ImportProgress,
  ImportProgressBody,
  ImportResultBody,
} from "@xray-sandbox/segments";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import type { ImportBounds } from "../src/transfer/import-service.ts";
import { progressLine, runTransfer } from "../src/transfer/transfer-cli.ts";
import { fetchStats, getJson, startTestDaemon } from "./support/daemon.ts";
import { recordsText } from "./support/import-files.ts";
import { tempDir } from "./support/temp-dir.ts";

const running: Daemon[] = [];
const encoder = new TextEncoder();

afterEach(async () => {
  await Promise.all(running.splice(0).map((daemon) => daemon.close()));
});

async function daemonWith(bounds: Partial<ImportBounds>): Promise<Daemon> {
  const daemon = await startTestDaemon({ maxTraces: 100_000 }, { importBounds: bounds });
  running.push(daemon);
  return daemon;
}

/** A request body sent a piece at a time, as a slow upload is. */
function uploadStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    body,
    send: (text: string) => controller?.enqueue(encoder.encode(text)),
    end: () => controller?.close(),
  };
}

function post(
  daemon: Daemon,
  body: ReadableStream<Uint8Array> | string,
  query = "",
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${daemon.url}/api/import${query}`, {
    method: "POST",
    body,
    duplex: "half",
    ...(signal === undefined ? {} : { signal }),
  } as RequestInit);
}

function progress(daemon: Daemon): Promise<ImportProgressBody> {
  return getJson<ImportProgressBody>(daemon, "/api/import/progress");
}

async function waitForProgress(
  daemon: Daemon,
  test: (current: ImportProgress) => boolean,
): Promise<ImportProgress> {
  let found: ImportProgress | undefined;
  await vi.waitFor(
    async () => {
      const current = (await progress(daemon)).import;
      expect(current !== null && test(current)).toBe(true);
      found = current ?? undefined;
    },
    { timeout: 20_000, interval: 5 },
  );
  if (found === undefined) throw new Error("no progress");
  return found;
}

describe("streamed import", () => {
  it("checks lines as they arrive, then applies in slices while health answers", async () => {
    const temp = tempDir();
    const daemon = await daemonWith({ tempDir: temp, sliceDocuments: 500 });
    const documents = 30_000;
    const upload = uploadStream();
    const posted = post(daemon, upload.body);
    let settled = false;
    void posted.finally(() => {
      settled = true;
    });

    upload.send(recordsText(1_000));
    const receiving = await waitForProgress(
      daemon,
      (current) => current.phase === "receiving" && current.linesChecked === 1_000,
    );
    expect(receiving).toMatchObject({
      documentsApplied: 0,
      documentsTotal: null,
      problems: 0,
      bytesExpected: null,
    });
    expect(receiving.bytesReceived).toBeGreaterThan(0);
    // The checked lines wait in a temporary file, not in the store.
    expect(readdirSync(temp)).toHaveLength(1);
    expect(daemon.stats().documents).toBe(0);
    expect((await fetchStats(daemon)).imports).toMatchObject({ running: true, started: 1 });

    for (let first = 1_000; first < documents; first += 1_000) {
      upload.send(recordsText(1_000, first));
    }
    upload.end();

    const applying: number[] = [];
    let healthBetweenSlices = 0;
    while (!settled) {
      const before = (await progress(daemon)).import;
      const health = await getJson<HealthBody>(daemon, "/api/health");
      const after = (await progress(daemon)).import;
      if (before?.phase === "applying") applying.push(before.documentsApplied);
      if (
        health.status === "ok" &&
        before?.phase === "applying" &&
        after?.phase === "applying" &&
        after.documentsApplied < documents
      ) {
        healthBetweenSlices++;
      }
    }
    const response = await posted;
    expect(response.status).toBe(200);
    expect((await response.json()) as ImportResultBody).toEqual({
      imported: documents,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    // Several distinct states while applying, never going back, and health answered meanwhile.
    expect(new Set(applying).size).toBeGreaterThanOrEqual(3);
    expect([...applying].sort((a, b) => a - b)).toEqual(applying);
    expect(healthBetweenSlices).toBeGreaterThanOrEqual(2);

    const done = (await progress(daemon)).import;
    expect(done).toMatchObject({
      phase: "done",
      linesChecked: documents,
      documentsApplied: documents,
      documentsTotal: documents,
      problems: 0,
      message: null,
    });
    expect(done?.slices).toBeGreaterThanOrEqual(documents / 500 - 1);
    expect(daemon.stats().documents).toBe(documents);
    expect(readdirSync(temp)).toEqual([]);
    expect((await fetchStats(daemon)).imports).toMatchObject({
      running: false,
      started: 1,
      succeeded: 1,
      spoolBytes: 0,
    });
  });

  it("refuses the whole file for a bad last line, storing nothing", async () => {
    const temp = tempDir();
    // Small enough that the file is not kept in memory to be read whole.
    const daemon = await daemonWith({ tempDir: temp, maxWholeBytes: 64 * 1024 });
    const text = `${recordsText(3_000)}not json\n`;
    const response = await post(daemon, text);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ImportResultBody & { error: { message: string } };
    expect(body).toMatchObject({ imported: 0, skipped: 1, errorCount: 1 });
    expect(body.errors).toEqual([
      { where: "line 3001", line: 3001, message: expect.stringMatching(/^not JSON: /) },
    ]);
    expect(body.error.message).toMatch(/^line 3001: not JSON: .*; nothing was imported/);
    expect(daemon.store.traceIds()).toEqual([]);
    expect(daemon.stats().datagrams.received).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
    expect((await progress(daemon)).import).toMatchObject({
      phase: "failed",
      linesChecked: 3_001,
      problems: 1,
      documentsApplied: 0,
    });
    expect((await fetchStats(daemon)).imports).toMatchObject({ refused: 1, succeeded: 0 });

    const skipping = await post(daemon, text, "?skipInvalid=true");
    expect(skipping.status).toBe(200);
    expect(await skipping.json()).toMatchObject({ imported: 3_000, skipped: 1, errorCount: 1 });
  });

  it("leaves no temporary file and stores nothing when the upload stops midway", async () => {
    const temp = tempDir();
    const daemon = await daemonWith({ tempDir: temp });
    const upload = uploadStream();
    const abort = new AbortController();
    const posted = post(daemon, upload.body, "", abort.signal).catch((error: unknown) => error);
    upload.send(recordsText(500));
    await waitForProgress(daemon, (current) => current.linesChecked === 500);
    expect(readdirSync(temp)).toHaveLength(1);
    abort.abort();
    expect(await posted).toBeInstanceOf(Error);

    const failed = await waitForProgress(daemon, (current) => current.phase === "failed");
    expect(failed.message).toMatch(/the upload stopped/);
    expect(readdirSync(temp)).toEqual([]);
    expect(daemon.store.traceIds()).toEqual([]);
    expect(daemon.stats().datagrams.received).toBe(0);
    expect((await fetchStats(daemon)).imports).toMatchObject({ running: false, failed: 1 });
  });

  it("answers 409 while an import runs, and takes the next one after it", async () => {
    const daemon = await daemonWith({ tempDir: tempDir() });
    const upload = uploadStream();
    const first = post(daemon, upload.body);
    upload.send(recordsText(10));
    await waitForProgress(daemon, (current) => current.linesChecked === 10);

    const second = await post(daemon, recordsText(5, 100));
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: "IMPORT_RUNNING" } });

    upload.end();
    expect((await first).status).toBe(200);
    const third = await post(daemon, recordsText(5, 100));
    expect(third.status).toBe(200);
    expect(await third.json()).toMatchObject({ imported: 5 });
    expect((await fetchStats(daemon)).imports).toMatchObject({ started: 2, succeeded: 2 });
  });

  it("refuses a line over the bound, naming it, and a body over the size bound", async () => {
    const temp = tempDir();
    const daemon = await daemonWith({
      tempDir: temp,
      maxLineBytes: 1024,
      maxWholeBytes: 1024,
      maxBytes: 200_000,
    });
    const long = `${recordsText(2)}${"x".repeat(2_000)}\n${recordsText(2, 2)}`;
    const refused = await post(daemon, long);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "INVALID_IMPORT",
        message: expect.stringMatching(/^line 3 is longer than 1024 bytes/),
      },
    });

    const large = await post(daemon, recordsText(2_000));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: { code: "IMPORT_TOO_LARGE" } });

    // Without a Content-Length, the bound holds while streaming.
    const upload = uploadStream();
    upload.send(recordsText(2_000));
    upload.end();
    const streamed = await post(daemon, upload.body);
    expect(streamed.status).toBe(413);
    expect(daemon.store.traceIds()).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
    expect((await fetchStats(daemon)).imports).toMatchObject({ failed: 1, refused: 1 });
  });

  it("removes the temporary file when the sandbox shuts down during an upload", async () => {
    const temp = tempDir();
    const daemon = await startTestDaemon({}, { importBounds: { tempDir: temp } });
    const upload = uploadStream();
    const posted = post(daemon, upload.body).catch((error: unknown) => error);
    upload.send(recordsText(100));
    await waitForProgress(daemon, (current) => current.linesChecked === 100);
    expect(readdirSync(temp)).toHaveLength(1);
    await daemon.close();
    await posted;
    expect(readdirSync(temp)).toEqual([]);
  });

  it("the import command prints progress on stderr while the sandbox works", async () => {
    const daemon = await daemonWith({ tempDir: tempDir() });
    let stderr = "";
    const progressShown = async (): Promise<void> => {
      await vi.waitFor(
        () => expect(stderr).toMatch(/^importing: receiving .* MiB, 200 lines checked$/m),
        {
          timeout: 20_000,
          interval: 10,
        },
      );
    };
    async function* stdin(): AsyncGenerator<Uint8Array> {
      yield encoder.encode(recordsText(200));
      // The rest is sent only once a progress line has been printed.
      await progressShown();
      yield encoder.encode(recordsText(300, 200));
    }
    const code = await runTransfer(
      "xray-sandbox",
      { kind: "import", file: "-", url: daemon.url, skipInvalid: false },
      {
        stdout: process.stdout,
        stderr: { write: (text: string) => (stderr += text) },
        stdin: stdin(),
        progressIntervalMs: 20,
      },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^imported 500 documents from standard input into /m);
    expect(daemon.stats().documents).toBe(500);
  });
});

describe("progressLine", () => {
  const base: ImportProgress = {
    id: 1,
    phase: "receiving",
    skipInvalid: false,
    startedAt: 0,
    finishedAt: null,
    bytesReceived: 3 * 1024 * 1024,
    bytesExpected: null,
    linesChecked: 1200,
    documentsApplied: 0,
    documentsTotal: null,
    problems: 0,
    slices: 0,
    message: null,
  };

  it("tells the phase and how far it is", () => {
    expect(progressLine({ running: true, import: base }, 12 * 1024 * 1024)).toBe(
      "importing: receiving 3.0 MiB of 12.0 MiB, 1200 lines checked",
    );
    expect(
      progressLine(
        {
          running: true,
          import: { ...base, phase: "applying", documentsApplied: 300, documentsTotal: 1200 },
        },
        undefined,
      ),
    ).toBe("importing: applying 300 of 1200 documents (25%)");
    expect(progressLine({ running: false, import: base }, undefined)).toBeUndefined();
  });
});
