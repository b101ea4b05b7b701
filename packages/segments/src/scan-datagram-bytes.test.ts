import { isDeepStrictEqual } from "node:util";
import { loadAllFixtures } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { type DocumentIndex, documentIndex } from "./document-index.ts";
import { MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import { type ByteScan, newByteScan, scanDatagramBytes } from "./scan-datagram-bytes.ts";
import { scanDatagram } from "./scan-document.ts";
import { generateMalformedCorpus } from "./test-support/malformed-corpus.ts";
import { mutateFixtures } from "./test-support/mutated-fixtures.ts";
import type { EpochSeconds, SegmentId, TraceId } from "./units.ts";

const HEADER = '{"format":"json","version":1}';
const MEMBERS =
  '"trace_id":"1-6b08024a-8c2b188fd2ca9e061ec668b5","id":"09c02be70ccf2262","name":"scan","start_time":1795686985.505,"end_time":1795686985.507';

function datagram(body: string, header = HEADER): Uint8Array {
  return new TextEncoder().encode(`${header}\n${body}`);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The index the receive path builds from a byte scan. */
function indexOf(bytes: Uint8Array, scan: ByteScan): DocumentIndex {
  return documentIndex({
    id: ascii(bytes, scan.idAt, scan.idAt + 16) as SegmentId,
    trace_id: ascii(bytes, scan.traceIdAt, scan.traceIdAt + 35) as TraceId,
    name: ascii(bytes, scan.nameAt, scan.nameEnd),
    start_time: scan.startTime as EpochSeconds,
    end_time: Number.isNaN(scan.endTime) ? undefined : (scan.endTime as EpochSeconds),
    parent_id:
      scan.parentIdAt < 0
        ? undefined
        : (ascii(bytes, scan.parentIdAt, scan.parentIdAt + 16) as SegmentId),
    type: scan.subsegment ? "subsegment" : undefined,
    in_progress: scan.inProgress,
  });
}

/** Where the fast path and `scanDatagram` disagree: the fast path may only decline, never differ. */
function disagreements(inputs: readonly { label: string; bytes: Uint8Array }[]): {
  differences: string[];
  taken: number;
} {
  const scan = newByteScan();
  const differences: string[] = [];
  let taken = 0;
  for (const { label, bytes } of inputs) {
    if (!scanDatagramBytes(bytes, scan)) continue;
    taken++;
    const full = scanDatagram(bytes);
    if (!full.ok) {
      differences.push(
        `${label}: fast path accepts, scanDatagram rejects (${full.rejection.message})`,
      );
      continue;
    }
    const fast = indexOf(bytes, scan);
    if (!isDeepStrictEqual(fast, full.index)) {
      differences.push(`${label}: ${JSON.stringify(fast)} vs ${JSON.stringify(full.index)}`);
    }
    if (ascii(bytes, scan.bodyStart, bytes.length) !== full.raw) {
      differences.push(`${label}: a different body`);
    }
  }
  return { differences, taken };
}

describe("scanDatagramBytes against scanDatagram", () => {
  it("takes the real SDK datagrams it can and reads them as scanDatagram does", () => {
    const fixtures = loadAllFixtures().map(({ run, file, bytes }) => ({
      label: `${run}/${file}`,
      bytes,
    }));
    const { differences, taken } = disagreements(fixtures);
    expect(differences).toEqual([]);
    // Most SDK datagrams are the common case; those with a `cause` go the full way.
    expect(taken).toBeGreaterThan(fixtures.length / 2);
  });

  it("never accepts what scanDatagram rejects in the malformed corpus", () => {
    expect(disagreements(generateMalformedCorpus()).differences).toEqual([]);
  });

  it("agrees on 20 000 fixtures mutated at random", () => {
    const { differences, taken } = disagreements(mutateFixtures(20_000));
    expect(differences.slice(0, 10)).toEqual([]);
    expect(taken).toBeGreaterThan(1_000);
  });
});

describe("scanDatagramBytes", () => {
  const scan = newByteScan();
  const take = (body: string, header?: string): boolean =>
    scanDatagramBytes(datagram(body, header), scan);

  it("reads every index field", () => {
    const bytes = datagram(
      ` { "type" : "subsegment" , "parent_id":"0123456789ABCDEF","in_progress":false,${MEMBERS},"x":[1,-2.5e3,true,null,{"cause":1}]}`.replace(
        ',{"cause":1}',
        ',{"k":"\\u00e9\\n"}',
      ),
    );
    expect(scanDatagramBytes(bytes, scan)).toBe(true);
    expect(indexOf(bytes, scan)).toEqual(
      scanDatagram(bytes).ok &&
        documentIndex({
          id: "09c02be70ccf2262" as SegmentId,
          trace_id: "1-6b08024a-8c2b188fd2ca9e061ec668b5" as TraceId,
          name: "scan",
          start_time: 1795686985.505 as EpochSeconds,
          end_time: 1795686985.507 as EpochSeconds,
          parent_id: "0123456789ABCDEF" as SegmentId,
          type: "subsegment",
          in_progress: false,
        }),
    );
  });

  it("reads numbers exactly as JSON.parse does", () => {
    for (const value of [
      "0",
      "-0",
      "1795686985.505",
      "0.000001",
      "123456789012345",
      "1234567890123456789",
      "1.7976931348623157e308",
      "17956869855050000.5",
      "-12.25",
    ]) {
      const body = `{"trace_id":"1-6b08024a-8c2b188fd2ca9e061ec668b5","id":"09c02be70ccf2262","name":"n","start_time":${value},"end_time":${value}}`;
      expect(take(body), value).toBe(true);
      expect(Object.is(scan.startTime, JSON.parse(value)), value).toBe(true);
      expect(Object.is(scan.endTime, JSON.parse(value)), value).toBe(true);
    }
  });

  it("declines what only the full scan may judge", () => {
    const declined = [
      `{${MEMBERS},"cause":{"exceptions":[]}}`, // `cause` is checked on the parsed document
      `{${MEMBERS},"a":{"cause":1}}`,
      `{${MEMBERS},"c\\u0061use":1}`, // an escaped key
      `{${MEMBERS},"name":"again"}`, // a duplicate: the last one counts
      `{${MEMBERS.replace('"scan"', '"sc\\u0061n"')}}`, // an escape in an index field
      `{${MEMBERS.replace('"scan"', '"scän"')}}`, // not ASCII
      `{${MEMBERS.replace('"scan"', '""')}}`, // rejected
      `{${MEMBERS.replace('"09c02be70ccf2262"', '"09c02be70ccf226"')}}`,
      `{${MEMBERS.replace(',"end_time":1795686985.507', "")}}`,
      `{${MEMBERS},"type":"subsegment"}`, // no parent_id: rejected
      `{${MEMBERS},"in_progress":null}`,
      `{${MEMBERS}} x`,
      `{${MEMBERS},}`,
      `{${MEMBERS},"s":"tab\there"}`,
      `{${MEMBERS},"s":"\\x"}`,
      `{${MEMBERS},"n":01}`,
      `{${MEMBERS},"d":${"[".repeat(MAX_DOCUMENT_DEPTH)}${"]".repeat(MAX_DOCUMENT_DEPTH)}}`,
      "{}",
      "",
    ];
    for (const body of declined) expect(take(body), body).toBe(false);
    expect(take(`{${MEMBERS}}`, '{"format": "json", "version": 1}')).toBe(false);
    expect(take(`{${MEMBERS}}`)).toBe(true);
    expect(
      take(
        `{${MEMBERS},"d":${"[".repeat(MAX_DOCUMENT_DEPTH - 1)}${"]".repeat(MAX_DOCUMENT_DEPTH - 1)}}`,
      ),
    ).toBe(true);
    expect(scanDatagramBytes(datagram(`{${MEMBERS}}`), scan, 100)).toBe(false);
  });
});
