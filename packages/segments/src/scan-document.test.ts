import { isDeepStrictEqual } from "node:util";
import { loadAllFixtures } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { documentIndex } from "./document-index.ts";
import { MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { parseDocumentText } from "./parse-document.ts";
import type { ParseResult } from "./parse-result.ts";
import {
  type ScanResult,
  scanDatagram,
  scanDocumentText,
  scanObjectFields,
} from "./scan-document.ts";
import { generateMalformedCorpus } from "./test-support/malformed-corpus.ts";
import { mutateFixtures } from "./test-support/mutated-fixtures.ts";

const HEADER = '{"format":"json","version":1}';
const VALID_MEMBERS =
  '"trace_id":"1-6b08024a-8c2b188fd2ca9e061ec668b5","id":"09c02be70ccf2262","name":"scan","start_time":1795686985.505,"end_time":1795686985.507';

function datagram(body: string): Uint8Array {
  return new TextEncoder().encode(`${HEADER}\n${body}`);
}

function bodyOf(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  return text.slice(text.indexOf("\n") + 1);
}

/** How the scan differs from the parse on one input; undefined when they agree in full. */
function difference(parsed: ParseResult, scanned: ScanResult): string | undefined {
  if (parsed.ok && scanned.ok) {
    const expected = documentIndex(parsed.document);
    if (scanned.raw !== parsed.raw) return "accepted with a different raw text";
    if (!isDeepStrictEqual(scanned.index, expected)) {
      return `index ${JSON.stringify(scanned.index)}, parse gives ${JSON.stringify(expected)}`;
    }
    return undefined;
  }
  if (!parsed.ok && !scanned.ok) {
    return isDeepStrictEqual(scanned.rejection, parsed.rejection)
      ? undefined
      : `rejected with ${JSON.stringify(scanned.rejection)}, parse gives ${JSON.stringify(parsed.rejection)}`;
  }
  return parsed.ok
    ? `scan rejects (${scanned.ok ? "" : scanned.rejection.message}), parse accepts`
    : `scan accepts, parse rejects (${parsed.rejection.message})`;
}

function datagramDifferences(inputs: readonly { label: string; bytes: Uint8Array }[]): string[] {
  return inputs.flatMap(({ label, bytes }) => {
    const found = difference(parseDatagram(bytes, { warnings: false }), scanDatagram(bytes));
    return found === undefined ? [] : [`${label}: ${found}`];
  });
}

/** Whether the scan alone, before JSON.parse is asked for words, judged `body` as JSON.parse does. */
function verdictDifferences(inputs: readonly { label: string; bytes: Uint8Array }[]): string[] {
  return inputs.flatMap(({ label, bytes }) => {
    const body = bodyOf(bytes);
    let isObject: boolean;
    try {
      const value: unknown = JSON.parse(body);
      isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    } catch {
      isObject = false;
    }
    const scanned = scanObjectFields(body) !== undefined;
    return scanned === isObject ? [] : [`${label}: scan says ${scanned}, JSON.parse ${isObject}`];
  });
}

describe("scanDatagram against parseDatagram", () => {
  const fixtures = loadAllFixtures().map(({ run, file, bytes }) => ({
    label: `${run}/${file}`,
    bytes,
  }));
  const corpus = generateMalformedCorpus();
  const mutated = mutateFixtures(20_000);

  it("agrees on every real SDK datagram", () => {
    expect(fixtures.length).toBeGreaterThan(20);
    expect(datagramDifferences(fixtures)).toEqual([]);
    const accepted = fixtures
      .filter(({ bytes }) => scanDatagram(bytes).ok)
      .map(({ label }) => label);
    expect(accepted).toEqual(
      fixtures.map(({ label }) => label).filter((label) => !label.startsWith("adot-otlp-udp/")),
    );
  });

  it("agrees on every input of the malformed corpus, reason and message included", () => {
    expect(datagramDifferences(corpus)).toEqual([]);
    expect(verdictDifferences(corpus)).toEqual([]);
  });

  it("agrees on 20 000 fixtures mutated at random (flips, cuts, insertions, duplicate keys)", () => {
    const outcomes = new Map<string, number>();
    for (const { bytes } of mutated) {
      const result = scanDatagram(bytes);
      const outcome = result.ok ? "accepted" : result.rejection.reason;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // Enough of each outcome that the comparison below means something for every one.
    for (const outcome of ["accepted", "invalid-document", "not-json"]) {
      expect(outcomes.get(outcome), outcome).toBeGreaterThan(2_000);
    }
    expect(datagramDifferences(mutated).slice(0, 10)).toEqual([]);
    expect(verdictDifferences(mutated).slice(0, 10)).toEqual([]);
  });

  it("agrees with parseDocumentText on bodies given as text", () => {
    const inputs = [...fixtures, ...corpus, ...mutated.slice(0, 2_000)];
    const differences = inputs.flatMap(({ label, bytes }) => {
      const body = bodyOf(bytes);
      const found = difference(
        parseDocumentText(body, { warnings: false }),
        scanDocumentText(body),
      );
      return found === undefined ? [] : [`${label}: ${found}`];
    });
    expect(differences).toEqual([]);
  });
});

describe("scanDatagram", () => {
  /** Accepted by the scan itself, not only by the JSON.parse it falls back on. */
  function scanned(body: string) {
    expect(scanObjectFields(body), body).toBeDefined();
    const result = scanDatagram(datagram(body));
    if (!result.ok) throw new Error(`${result.rejection.reason}: ${result.rejection.message}`);
    return result;
  }

  it("reads the top-level fields and none of the same names nested below them", () => {
    const body = `{"http":{"request":{"id":"ffffffffffffffff","name":"nested"}},${VALID_MEMBERS},"subsegments":[{"id":"eeeeeeeeeeeeeeee","name":"child","start_time":1,"end_time":2,"type":"subsegment","in_progress":true}],"metadata":{"default":{"parent_id":"x"}}}`;
    expect(scanned(body).index).toEqual({
      id: "09c02be70ccf2262",
      trace_id: "1-6b08024a-8c2b188fd2ca9e061ec668b5",
      name: "scan",
      start_time: 1795686985.505,
      end_time: 1795686985.507,
      parent_id: undefined,
      type: undefined,
      in_progress: undefined,
    });
    expect(scanned(body).raw).toBe(body);
  });

  it("decodes escaped keys and strings as JSON.parse does", () => {
    const body = `{${VALID_MEMBERS},"n\\u0061me":"caf\\u00e9 \\"q\\" \\\\ \\/ \\ud83d\\ude00 \\ud800"}`;
    expect(scanned(body).index.name).toBe('café "q" \\ / 😀 \ud800');
  });

  it("takes the last of duplicate keys, as JSON.parse does", () => {
    expect(scanned(`{"id":null,"name":"a",${VALID_MEMBERS}}`).index).toMatchObject({
      id: "09c02be70ccf2262",
      name: "scan",
    });
    const rejected = scanDatagram(datagram(`{${VALID_MEMBERS},"id":{"no":1},"end_time":[1]}`));
    expect(rejected).toEqual({
      ok: false,
      rejection: {
        reason: "invalid-document",
        message:
          '"id" is an object, expected 16 hex digits; "end_time" is an array, expected epoch seconds as a number (or "in_progress": true)',
      },
    });
  });

  it("keeps only what the store reads of type, in_progress and end_time", () => {
    const running = scanned(`{${VALID_MEMBERS},"end_time":"soon","in_progress":true}`).index;
    expect(running).toMatchObject({ in_progress: true, end_time: undefined });
    const odd = scanned(`{${VALID_MEMBERS},"in_progress":"yes","type":"segment"}`).index;
    expect(odd).toMatchObject({ in_progress: undefined, type: undefined });
    const streamed = scanned(
      `{${VALID_MEMBERS},"type":"subsegment","parent_id":"aaaaaaaaaaaaaaaa","start_time":-1.5E+2}`,
    ).index;
    expect(streamed).toMatchObject({
      type: "subsegment",
      parent_id: "aaaaaaaaaaaaaaaa",
      start_time: -150,
    });
  });

  it("rejects what JSON.parse rejects, in JSON.parse's words", () => {
    const broken = [
      '{"a":01}',
      '{"a":1.}',
      '{"a":-}',
      '{"a":.5}',
      '{"a":1e}',
      '{"a":1e+}',
      '{"a":+1}',
      '{"a":tru}',
      '{"a":True}',
      '{"a":NaN}',
      '{"a":-Infinity}',
      '{"a":"\\x41"}',
      '{"a":"\\u12G4"}',
      '{"a":"\\u12"}',
      '{"a":"tab\there"}',
      '{"a\u0001":1}',
      '{"a" 1}',
      '{"a":1,}',
      "{,}",
      '{"a":[1,]}',
      '{"a":[1 2]}',
      '{"a":{}}}',
      '{"a":1}x',
      '{"a":1} {}',
      "{'a':1}",
      '{"a":1',
      '{"a":"',
      '{"a":"\\',
      '{"a":[',
      "{",
    ];
    for (const body of broken) {
      const result = scanDatagram(datagram(body));
      expect(result, body).toEqual(parseDatagram(datagram(body)));
      expect(result.ok ? "accepted" : result.rejection.reason, body).toBe("not-json");
    }
  });

  it("accepts what JSON.parse accepts at the edges of the grammar", () => {
    const members = `\t\r\n ${VALID_MEMBERS.replaceAll(",", " ,\n\t").replaceAll(":", "\r: ")} `;
    const body = ` \n{${members},"n":[-0,0.5e-3,1E+2,-12.25e2,{},[],"",true,false,null,"\\/\\b\\f\\n\\r\\t\\u0000"],"e":{}}\r\n `;
    expect(scanned(body).index.name).toBe("scan");
    expect(JSON.parse(body)).toMatchObject({ name: "scan" });
  });

  it("follows nesting deeper than a call stack allows, without recursing, and refuses it", () => {
    const depth = 30_000;
    const deep = `{${VALID_MEMBERS},"metadata":{"default":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}}`;
    expect(scanObjectFields(deep)).toBeDefined();
    expect(scanDatagram(datagram(deep))).toMatchObject({
      ok: false,
      rejection: {
        reason: "too-deep",
        message: expect.stringContaining(`nest ${depth + 3} levels`),
      },
    });
    expect(scanDatagram(datagram(deep))).toEqual(parseDatagram(datagram(deep)));
    const unbalanced = `{${VALID_MEMBERS},"metadata":${"[".repeat(depth)}${"]".repeat(depth - 1)}}`;
    expect(scanDatagram(datagram(unbalanced))).toEqual(parseDatagram(datagram(unbalanced)));
  });

  it("accepts a document nested as deep as the limit and refuses one level more", () => {
    const nestedTo = (depth: number) =>
      `{${VALID_MEMBERS},"metadata":${'{"x":'.repeat(depth - 1)}1${"}".repeat(depth - 1)}}`;
    expect(scanned(nestedTo(MAX_DOCUMENT_DEPTH)).index.name).toBe("scan");
    const over = scanDatagram(datagram(nestedTo(MAX_DOCUMENT_DEPTH + 1)));
    expect(over).toEqual(parseDatagram(datagram(nestedTo(MAX_DOCUMENT_DEPTH + 1))));
    expect(over).toMatchObject({
      ok: false,
      rejection: {
        reason: "too-deep",
        message: expect.stringMatching(
          /^objects and arrays nest 101 levels deep in the document, over the limit of 100/,
        ),
      },
    });
  });

  it("refuses a cause that is neither an object nor an exception id, wherever it is", () => {
    const cases = [
      [`{${VALID_MEMBERS},"cause":200}`, '"cause" is 200'],
      [`{${VALID_MEMBERS},"cause":"boom"}`, '"cause" is "boom"'],
      [`{${VALID_MEMBERS},"cause":[]}`, '"cause" is an array'],
      [`{${VALID_MEMBERS},"caus\u0065":true}`, '"cause" is true'],
      [
        `{${VALID_MEMBERS},"subsegments":[{"id":"0af5feaee8df6314"},{"id":"0af5feaee8df6315","subsegments":[{"cause":7}]}]}`,
        '"subsegments[1].subsegments[0].cause" is 7',
      ],
    ] as const;
    for (const [body, found] of cases) {
      const result = scanDatagram(datagram(body));
      expect(result, body).toEqual(parseDatagram(datagram(body)));
      expect(result, body).toEqual({
        ok: false,
        rejection: {
          reason: "invalid-document",
          message: `${found}, expected an object with "exceptions" or the 16-hex id of an exception`,
        },
      });
    }
    for (const cause of ['{"exceptions":[]}', '"4f721b24584dfd8d"', "null", '{"cause":1}']) {
      const body = `{${VALID_MEMBERS},"cause":${cause}}`;
      expect(scanned(body).index.name, body).toBe("scan");
      expect(parseDatagram(datagram(body)).ok, body).toBe(true);
    }
  });
});
