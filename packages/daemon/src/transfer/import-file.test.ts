import {
  epochMillis,
  formatRecord,
  isTraceId,
  type TraceId,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { readImportFile } from "./import-file.ts";

const encoder = new TextEncoder();

function traceId(n: number): TraceId {
  const id = `1-6a000000-${n.toString(16).padStart(24, "0")}`;
  if (!isTraceId(id)) throw new Error(id);
  return id;
}

function raw(n: number, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: `svc-${n}`,
    id: n.toString(16).padStart(16, "0"),
    trace_id: traceId(n),
    start_time: 1_780_000_000 + n,
    end_time: 1_780_000_001 + n,
    ...fields,
  });
}

const RECEIVED = 1_780_000_000_000;

function record(n: number, receivedAt = RECEIVED + n): string {
  return formatRecord({
    receivedAt: epochMillis(receivedAt),
    traceId: traceId(n),
    raw: raw(n),
    origin: XRAY_UDP_ORIGIN,
  });
}

function read(text: string) {
  return readImportFile(encoder.encode(text));
}

describe("readImportFile", () => {
  it("refuses receive times no sandbox can have recorded, naming the line", () => {
    const now = epochMillis(1_800_000_000_000);
    const day = 24 * 60 * 60 * 1000;
    const lines = [
      record(1).replace(/"receivedAt":\d+/, '"receivedAt":9999999999999999'),
      record(2, 1_000),
      record(3, now + day + 1),
      record(4, now + day - 1),
      record(5, 946_684_800_000),
    ];
    const result = readImportFile(encoder.encode(lines.join("\n")), { now });
    expect(result).toMatchObject({
      ok: true,
      entries: [
        { where: "line 4", receivedAt: now + day - 1 },
        { where: "line 5", receivedAt: 946_684_800_000 },
      ],
      problems: [
        {
          where: "line 1",
          line: 1,
          message:
            '"receivedAt" 10000000000000000 is not a time a sandbox can have received it: expected epoch milliseconds from 2000-01-01 to a day from now (2027-01-16T08:00:00.000Z)',
        },
        { where: "line 2", message: expect.stringMatching(/^"receivedAt" 1000 is not a time/) },
        { where: "line 3", message: expect.stringMatching(/^"receivedAt" 1800086400001 is not/) },
      ],
    });
  });

  it("reads the sandbox's NDJSON records with their receive times", () => {
    const result = read(`${record(1)}\n${record(2)}\n`);
    expect(result).toMatchObject({
      ok: true,
      format: "ndjson",
      problems: [],
      entries: [
        { raw: raw(1), receivedAt: RECEIVED + 1, where: "line 1", document: { name: "svc-1" } },
        { raw: raw(2), receivedAt: RECEIVED + 2, where: "line 2" },
      ],
    });
  });

  it("reads bare segment documents a line, CRLF endings and blank lines included", () => {
    const result = read(`${raw(1)}\r\n\r\n${raw(2)}`);
    expect(result).toMatchObject({
      ok: true,
      entries: [
        { raw: raw(1), receivedAt: undefined, where: "line 1" },
        { raw: raw(2), where: "line 3" },
      ],
    });
  });

  it("reads one pretty-printed document", () => {
    const pretty = JSON.stringify(JSON.parse(raw(1)), null, 2);
    expect(read(pretty)).toMatchObject({ ok: true, entries: [{ document: { name: "svc-1" } }] });
  });

  it("reads what aws xray batch-get-traces prints", () => {
    const output = JSON.stringify(
      {
        Traces: [
          {
            Id: traceId(1),
            Duration: 1,
            Segments: [
              { Id: "0000000000000001", Document: raw(1) },
              { Id: "0000000000000002", Document: raw(2) },
            ],
          },
        ],
        UnprocessedTraceIds: [],
      },
      null,
      4,
    );
    expect(read(output)).toMatchObject({
      ok: true,
      format: "batch-get-traces",
      problems: [],
      entries: [
        { raw: raw(1), receivedAt: undefined, where: "Traces[0].Segments[0].Document" },
        { raw: raw(2), where: "Traces[0].Segments[1].Document" },
      ],
    });
  });

  it("reads each record's origin: version 2 as written, version 1 as X-Ray, bare documents none", () => {
    const v1 = `{"v":1,"receivedAt":${RECEIVED + 2},"traceId":"${traceId(2)}","doc":${raw(2)}}`;
    expect(read([record(1), v1, raw(3)].join("\n"))).toMatchObject({
      ok: true,
      problems: [],
      entries: [
        { where: "line 1", origin: XRAY_UDP_ORIGIN, receivedAt: RECEIVED + 1 },
        { where: "line 2", origin: XRAY_ORIGIN, receivedAt: RECEIVED + 2, raw: raw(2) },
        { where: "line 3", origin: undefined, receivedAt: undefined },
      ],
    });
  });

  it("names the line and what is wrong with each bad NDJSON line", () => {
    const result = read(
      [
        record(1),
        "{not json",
        '["a list"]',
        raw(4, { id: "short" }),
        `${record(5).slice(0, -1)},"v":3}`,
      ].join("\n"),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries).toHaveLength(1);
    expect(result.problems).toEqual([
      { where: "line 2", line: 2, message: expect.stringMatching(/^not JSON: /) },
      { where: "line 3", line: 3, message: "a list, expected a JSON object" },
      {
        where: "line 4",
        line: 4,
        message: '"id" is "short", expected 16 hex digits (invalid-document)',
      },
      { where: "line 5", line: 5, message: expect.stringMatching(/^not a segment record: /) },
    ]);
  });

  it("names the JSON path of each bad BatchGetTraces entry", () => {
    const output = JSON.stringify({
      Traces: [
        {
          Id: traceId(1),
          Segments: [{ Id: "x", Document: raw(1, { start_time: "soon" }) }, { Id: "y" }],
        },
        { Id: traceId(2) },
      ],
    });
    const result = read(output);
    expect(result.ok && result.problems).toEqual([
      {
        where: "Traces[0].Segments[0].Document",
        path: "Traces[0].Segments[0].Document",
        message: '"start_time" is "soon", expected epoch seconds as a number (invalid-document)',
      },
      {
        where: "Traces[0].Segments[1].Document",
        path: "Traces[0].Segments[1].Document",
        message: "is missing, expected the segment document as a JSON string",
      },
      {
        where: "Traces[1].Segments",
        path: "Traces[1].Segments",
        message: "is missing, expected a list of segments",
      },
    ]);
  });

  it.each([
    ["an empty file", "  \n", /^the file is empty; expected NDJSON/],
    ["a JSON list", "[1, 2]", /^the file is a list; expected NDJSON/],
    [
      "Traces that is not a list",
      '{"Traces": {}}',
      /^Traces is an object, expected a list of traces/,
    ],
  ])("refuses %s as a whole", (_, text, message) => {
    const result = read(text);
    expect(result.ok ? "" : result.message).toMatch(message);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(readImportFile(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      message: "the file is not UTF-8 text",
    });
  });
});
