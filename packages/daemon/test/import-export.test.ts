import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { loadAllFixtures } from "@xray-sandbox/fixtures";
import {
  type ExpandedTraceListBody,
  type ImportResultBody,
  parseRecord,
  type TraceDetailBody,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { runTransfer } from "../src/transfer/transfer-cli.ts";
import { getJson, sendPaced, startTestDaemon } from "./support/daemon.ts";
import { tempDir } from "./support/temp-dir.ts";
import { bindUdp, sendDatagrams } from "./support/udp.ts";

const fixtures = loadAllFixtures();
/** Version 1 records, as a data dir or an export of a version 1 daemon holds them. */
const V1_LOG = join(import.meta.dirname, "fixtures/data-dir-v1/segments.ndjson");
const running: Daemon[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((daemon) => daemon.close()));
});

async function daemonWithFixtures(): Promise<Daemon> {
  const daemon = await startTestDaemon();
  running.push(daemon);
  await sendPaced(
    daemon,
    fixtures.map((fixture) => fixture.bytes),
    (batch) => sendDatagrams(daemon.udpAddress, batch),
  );
  return daemon;
}

async function emptyDaemon(): Promise<Daemon> {
  const daemon = await startTestDaemon();
  running.push(daemon);
  return daemon;
}

async function allTraces(daemon: Daemon): Promise<readonly TraceDetailBody[]> {
  const body = await getJson<ExpandedTraceListBody>(daemon, "/api/traces?expand=true&limit=1000");
  expect(body.nextCursor).toBeUndefined();
  return body.traces;
}

/**
 * What a user compares: each trace's summary, tree and orphans, and its documents as a set;
 * origins apart (an imported document's origin is the import).
 */
function comparable(traces: readonly TraceDetailBody[]) {
  return traces.map(({ summary: { origins: _, ...summary }, segments, orphans, documents }) => ({
    summary,
    segments,
    orphans,
    documents: documents
      .map(({ origin: _, ...document }) => document)
      .sort((a, b) => a.raw.localeCompare(b.raw)),
  }));
}

async function exportText(daemon: Daemon, query = ""): Promise<string> {
  const response = await fetch(`${daemon.url}/api/export${query}`);
  expect(response.status).toBe(200);
  return response.text();
}

async function importText(
  daemon: Daemon,
  body: string,
  query = "",
): Promise<{ status: number; body: ImportResultBody & { error?: { message: string } } }> {
  const response = await fetch(`${daemon.url}/api/import${query}`, { method: "POST", body });
  return { status: response.status, body: (await response.json()) as ImportResultBody };
}

describe("export and import", () => {
  it("export, clear, import gives back the same traces", async () => {
    const daemon = await daemonWithFixtures();
    const before = comparable(await allTraces(daemon));
    const exported = await exportText(daemon);
    const lines = exported.trimEnd().split("\n");
    expect(lines.length).toBe(daemon.stats().documents);

    expect((await fetch(`${daemon.url}/api/traces`, { method: "DELETE" })).status).toBe(200);
    expect(daemon.store.traceIds()).toEqual([]);
    const imported = await importText(daemon, exported);
    expect(imported).toEqual({
      status: 200,
      body: { imported: lines.length, skipped: 0, errors: [], errorCount: 0 },
    });
    const after = await allTraces(daemon);
    expect(comparable(after)).toEqual(before);
    expect(new Set(after.flatMap((trace) => trace.summary.origins))).toEqual(new Set(["import"]));
    const origins = after.flatMap((trace) => trace.documents.map((doc) => doc.origin));
    // Each keeps how it first arrived: X-Ray SDKs over UDP, ADOT's spans over OTLP with their span.
    expect(origins).toEqual(
      origins.map((origin) =>
        origin?.kind === "import" && origin.exported?.kind === "otlp"
          ? {
              kind: "import",
              exported: expect.objectContaining({
                kind: "otlp",
                transport: "otlp-udp",
                span: expect.objectContaining({ transport: "otlp-udp" }),
              }),
            }
          : { kind: "import", exported: XRAY_UDP_ORIGIN },
      ),
    );
    expect(
      origins.filter((origin) => origin?.kind === "import" && origin.exported?.kind === "otlp"),
    ).toHaveLength(2);
  });

  it("imports a version 1 export as X-Ray documents, and exports them again as version 2", async () => {
    const daemon = await emptyDaemon();
    const v1 = readFileSync(V1_LOG, "utf8");
    expect((await importText(daemon, v1)).body).toMatchObject({ imported: 5, errorCount: 0 });
    const traces = await allTraces(daemon);
    expect(traces).toHaveLength(3);
    for (const trace of traces) {
      expect(trace.summary.origins).toEqual(["import"]);
      for (const { origin } of trace.documents) {
        expect(origin).toEqual({ kind: "import", exported: XRAY_ORIGIN });
      }
    }

    // The in-progress document was replaced by the complete one: four documents stay.
    const lines = (await exportText(daemon)).trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const record = parseRecord(line);
      expect(line.startsWith('{"v":2,')).toBe(true);
      expect(record.ok && record.record.origin).toEqual({ kind: "import", exported: XRAY_ORIGIN });
    }
    const v1Docs = v1
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { doc: unknown }).doc);
    const v2Docs = lines.map((line) => (JSON.parse(line) as { doc: unknown }).doc);
    const v1Texts = new Set(v1Docs.map((doc) => JSON.stringify(doc)));
    expect(v2Docs.filter((doc) => v1Texts.has(JSON.stringify(doc)))).toHaveLength(4);
  });

  it("counts imports as received and accepted, like datagrams", async () => {
    const source = await daemonWithFixtures();
    const target = await emptyDaemon();
    const { imported } = (await importText(target, await exportText(source))).body;
    expect(target.stats().datagrams).toMatchObject({ received: imported, accepted: imported });
  });

  it("skips what the store already holds unchanged", async () => {
    const daemon = await daemonWithFixtures();
    const exported = await exportText(daemon);
    const documents = daemon.stats().documents;
    expect((await importText(daemon, exported)).body).toEqual({
      imported: 0,
      skipped: documents,
      errors: [],
      errorCount: 0,
    });
    expect(daemon.stats().store.duplicates).toBe(0);
  });

  it("refuses a receive time no sandbox can have recorded, naming the line", async () => {
    const daemon = await daemonWithFixtures();
    const good = (await exportText(daemon)).split("\n")[0] ?? "";
    const future = good.replace(/"receivedAt":[0-9.]+/, '"receivedAt":9999999999999999');
    const refused = await importText(daemon, `${good}\n${future}\n`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      imported: 0,
      errorCount: 1,
      errors: [
        {
          where: "line 2",
          line: 2,
          message: expect.stringMatching(
            /^"receivedAt" 10000000000000000 is not a time a sandbox can have received it: expected epoch milliseconds from 2000-01-01 to a day from now/,
          ),
        },
      ],
    });
  });

  it("refuses a bad file whole, naming the line, and loses nothing already stored", async () => {
    const daemon = await daemonWithFixtures();
    const before = comparable(await allTraces(daemon));
    const good = (await exportText(daemon)).split("\n")[0] ?? "";
    const other = good.replaceAll(/"id":"[0-9a-f]{16}"/g, '"id":"00000000000000ff"');
    const file = [other, '{"v":1,"receivedAt":1,"traceId":"1-x","doc":{}}', "", "not json"].join(
      "\n",
    );

    const refused = await importText(daemon, file);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: {
        code: "INVALID_IMPORT",
        message: expect.stringMatching(
          /^line 2: not a segment record: "traceId" must be a trace id .*\(and 1 more\); nothing was imported/,
        ),
      },
      imported: 0,
      skipped: 2,
      errorCount: 2,
      errors: [
        { where: "line 2", line: 2, message: expect.any(String) },
        { where: "line 4", line: 4, message: expect.stringMatching(/^not JSON: /) },
      ],
    });
    expect(comparable(await allTraces(daemon))).toEqual(before);

    const partial = await importText(daemon, file, "?skipInvalid=true");
    expect(partial).toMatchObject({
      status: 200,
      body: { imported: 1, skipped: 2, errorCount: 2 },
    });
  });

  it("refuses what is not an import file at all", async () => {
    const daemon = await emptyDaemon();
    const refused = await importText(daemon, "[]");
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^the file is a list; expected NDJSON/);
  });

  it("imports what BatchGetTraces returned from another sandbox", async () => {
    const source = await daemonWithFixtures();
    const traceIds = source.store.traceIds();
    const target = await emptyDaemon();
    let imported = 0;
    // BatchGetTraces takes 5 trace ids a call and pages its answer: each page is one file.
    for (let start = 0; start < traceIds.length; start += 5) {
      let nextToken: string | undefined;
      do {
        const response = await fetch(`${source.url}/Traces`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            TraceIds: traceIds.slice(start, start + 5),
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
        });
        expect(response.status).toBe(200);
        const text = await response.text();
        nextToken = (JSON.parse(text) as { NextToken?: string }).NextToken;
        const result = await importText(target, text);
        expect(result).toMatchObject({ status: 200, body: { errorCount: 0 } });
        imported += result.body.imported;
      } while (nextToken !== undefined);
    }
    expect(imported).toBe(source.stats().documents);
    const trees = (traces: readonly TraceDetailBody[]) =>
      [...traces]
        .map(({ id, segments, orphans }) => ({ id, segments, orphans }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(trees(await allTraces(target))).toEqual(trees(await allTraces(source)));
  });
});

describe("xray-sandbox export and import", () => {
  function io() {
    const stdout = new PassThrough();
    let out = "";
    stdout.setEncoding("utf8").on("data", (text: string) => {
      out += text;
    });
    let err = "";
    return {
      io: {
        stdout,
        stderr: { write: (text: string) => (err += text) },
        stdin: (async function* () {})(),
      },
      stdout: () => out,
      stderr: () => err,
    };
  }

  it("saves a sandbox's traces to a file and sends them to another", async () => {
    const source = await daemonWithFixtures();
    const target = await emptyDaemon();
    const file = join(tempDir(), "traces.ndjson");
    const documents = source.stats().documents;

    const exporting = io();
    const exported = await runTransfer(
      "xray-sandbox",
      { kind: "export", url: source.url, filter: undefined, id: undefined, output: file },
      exporting.io,
    );
    expect(exported).toBe(0);
    expect(exporting.stderr()).toBe(`exported ${documents} documents to ${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(await exportText(source));

    const importing = io();
    const code = await runTransfer(
      "xray-sandbox",
      { kind: "import", file, url: target.url, skipInvalid: false },
      importing.io,
    );
    expect(importing.stderr()).toBe(
      `imported ${documents} documents from ${file} into ${target.url}\n`,
    );
    expect(code).toBe(0);
    expect(comparable(await allTraces(target))).toEqual(comparable(await allTraces(source)));
  });

  it("exports one filter's traces to standard output", async () => {
    const source = await daemonWithFixtures();
    const run = io();
    const code = await runTransfer(
      "xray-sandbox",
      { kind: "export", url: source.url, filter: "fault", id: undefined, output: undefined },
      run.io,
    );
    expect(code).toBe(0);
    expect(run.stdout()).toBe(await exportText(source, "?filter=fault"));
    expect(run.stdout().length).toBeGreaterThan(0);
  });

  it("says so when no sandbox answers, or the filter is wrong", async () => {
    const closed = await bindUdp();
    await closed.close();
    const run = io();
    const code = await runTransfer(
      "xray-sandbox",
      {
        kind: "export",
        url: `http://127.0.0.1:${closed.port}`,
        filter: undefined,
        id: undefined,
        output: undefined,
      },
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(
      /^xray-sandbox: cannot reach the sandbox at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): is it running\?/,
    );

    const daemon = await emptyDaemon();
    const bad = io();
    expect(
      await runTransfer(
        "xray-sandbox",
        { kind: "export", url: daemon.url, filter: "duration >", id: undefined, output: undefined },
        bad.io,
      ),
    ).toBe(1);
    expect(bad.stderr()).toMatch(/^xray-sandbox: .*expected/);
  });

  it("prints the lines that make an import file bad", async () => {
    const daemon = await emptyDaemon();
    const file = join(tempDir(), "bad.ndjson");
    writeFileSync(file, "{oops\n");
    const run = io();
    const code = await runTransfer(
      "xray-sandbox",
      { kind: "import", file, url: daemon.url, skipInvalid: false },
      run.io,
    );
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/^xray-sandbox: .*bad\.ndjson: line 1: not JSON: /);
    expect(run.stderr()).toMatch(/nothing was imported \(--skip-invalid imports the rest\)\n/);
    expect(run.stderr()).not.toContain("skipInvalid=true");
    expect(run.stderr()).toContain("\n  line 1: not JSON: ");
  });
});
