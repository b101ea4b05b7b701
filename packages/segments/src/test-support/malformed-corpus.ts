/**
 * Hostile and broken datagrams for parser and receiver tests: truncated captures, random
 * bytes, invalid UTF-8, wrong headers, oversized and deeply nested bodies, prototype keys,
 * wrongly typed fields. Deterministic for a given seed.
 */

import {
  hostileDatagram,
  hostileTraces,
  loadAllFixtures,
  seededRandom,
} from "@xray-sandbox/fixtures";
import type { RejectionReason } from "../parse-result.ts";

export interface MalformedInput {
  readonly label: string;
  readonly bytes: Uint8Array;
  /** What `parseDatagram` must answer with default options, when the input decides it. */
  readonly expected?: RejectionReason | "accepted";
  /**
   * A `T1S`/`T1U` body behind a valid header: `parseDatagram` calls it `not-json` (saying it
   * is OTLP), the daemon decodes it as ADOT's spans and refuses it with an `otlp-` reason.
   */
  readonly otlp?: boolean;
}

const HEADER = '{"format":"json","version":1}';
const LIMIT = 65_536;

/** A complete, valid segment as `[key, JSON text]` pairs, so any value can be swapped raw. */
const VALID_FIELDS: readonly (readonly [string, string])[] = [
  ["trace_id", '"1-6b08024a-8c2b188fd2ca9e061ec668b5"'],
  ["id", '"09c02be70ccf2262"'],
  ["name", '"corpus"'],
  ["start_time", "1795686985.505"],
  ["end_time", "1795686985.507"],
];

export function generateMalformedCorpus(seed = 0x5eed): MalformedInput[] {
  const random = seededRandom(seed);
  return [
    ...fixtureTruncations(random),
    ...randomInputs(random),
    ...invalidUtf8(),
    ...headers(),
    ...bodies(),
    ...oversized(),
    ...deepNesting(),
    ...hostileDocuments(),
    ...causes(),
    ...prototypeKeys(),
    ...wrongFields(),
    ...extremeNumbers(),
  ];
}

function fixtureTruncations(random: () => number): MalformedInput[] {
  const inputs: MalformedInput[] = [];
  for (const fixture of loadAllFixtures()) {
    const { bytes } = fixture;
    const newline = bytes.indexOf(0x0a);
    const offsets = new Set([
      0,
      1,
      newline - 1,
      newline,
      newline + 1,
      newline + 2,
      bytes.length - 1,
    ]);
    for (let i = 0; i < 5; i++) {
      offsets.add(newline + 3 + Math.floor(random() * (bytes.length - newline - 4)));
    }
    const otlp = fixture.run === "adot-otlp-udp";
    for (const offset of [...offsets].sort((a, b) => a - b)) {
      const cut = bytes.slice(0, offset);
      const expected = truncationOutcome(cut, newline);
      inputs.push({
        label: `${fixture.run}/${fixture.file} cut to ${offset} of ${bytes.length} bytes`,
        bytes: cut,
        expected,
        ...(otlp && expected === "not-json" && cut.length - newline - 1 >= 3 ? { otlp } : {}),
      });
    }
  }
  return inputs;
}

function truncationOutcome(cut: Uint8Array, newline: number): MalformedInput["expected"] {
  if (cut.some((byte) => byte >= 0x80)) return undefined;
  if (cut.length <= newline) return "no-separator";
  const bodyLength = cut.length - newline - 1;
  if (bodyLength === 0) return "empty-body";
  return "not-json";
}

function randomInputs(random: () => number): MalformedInput[] {
  const inputs: MalformedInput[] = [];
  for (let i = 0; i < 40; i++) {
    const bytes = new Uint8Array(Math.floor(random() * 3000));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    inputs.push({ label: `random bytes #${i} (${bytes.length})`, bytes });
  }
  for (let i = 0; i < 20; i++) {
    let body = "";
    const length = 1 + Math.floor(random() * 500);
    for (let j = 0; j < length; j++) body += String.fromCharCode(32 + Math.floor(random() * 95));
    inputs.push({ label: `valid header, random printable body #${i}`, bytes: datagram(body) });
  }
  for (let i = 0; i < 20; i++) {
    const body = new Uint8Array(1 + Math.floor(random() * 1000));
    for (let j = 0; j < body.length; j++) body[j] = Math.floor(random() * 256);
    inputs.push({
      label: `valid header, random byte body #${i}`,
      bytes: concat(encode(`${HEADER}\n`), body),
    });
  }
  return inputs;
}

function invalidUtf8(): MalformedInput[] {
  const sequences: readonly (readonly [string, number[]])[] = [
    ["lone continuation byte", [0x80]],
    ["overlong slash", [0xc0, 0xaf]],
    ["overlong NUL", [0xe0, 0x80, 0x80]],
    ["UTF-16 surrogate half", [0xed, 0xa0, 0x80]],
    ["truncated 4-byte sequence", [0xf0, 0x9f, 0x98]],
    ["byte 0xFF", [0xff]],
    ["byte 0xFE", [0xfe]],
    ["code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ];
  const body = document([["name", '"@@"']]);
  return sequences.flatMap(([label, sequence]) => {
    const bad = new Uint8Array(sequence);
    const at = body.indexOf("@@");
    const before = body.slice(0, at);
    const after = body.slice(at + 2);
    return [
      {
        label: `invalid UTF-8 in the body: ${label}`,
        bytes: concat(encode(`${HEADER}\n${before}`), bad, encode(after)),
        expected: "invalid-utf8" as const,
      },
      {
        label: `invalid UTF-8 in the header: ${label}`,
        bytes: concat(encode('{"format":"'), bad, encode(`","version":1}\n${body}`)),
        expected: "invalid-utf8" as const,
      },
    ];
  });
}

function headers(): MalformedInput[] {
  const body = document();
  const cases: readonly (readonly [string, MalformedInput["expected"]])[] = [
    ['{"format":"json","version":2}', "bad-header"],
    ['{"format":"xml","version":1}', "bad-header"],
    ['{"format":"JSON","version":1}', "bad-header"],
    ['{"version":1}', "bad-header"],
    ['{"format":"json"}', "bad-header"],
    ['{"format":"json","version":"1"}', "bad-header"],
    ['{"format":"json","version":1', "bad-header"],
    ["[]", "bad-header"],
    ["null", "bad-header"],
    ['"json"', "bad-header"],
    ["1", "bad-header"],
    ["", "bad-header"],
    ["hello", "bad-header"],
    ['{"__proto__":{"format":"json","version":1}}', "bad-header"],
    ['{"format": "json", "version": 1}', "accepted"],
    [`  ${HEADER}  \r`, "accepted"],
    ['{"version":1,"format":"json"}', "accepted"],
    ['{"format":"json","version":1.0}', "accepted"],
    ['{"format":"json","version":1,"extra":[1,2]}', "accepted"],
    ['{"__proto__":{"polluted":"header"},"format":"json","version":1}', "accepted"],
  ];
  return [
    ...cases.map(([header, expected]) => ({
      label: `header ${JSON.stringify(header)}`,
      bytes: encode(`${header}\n${body}`),
      expected,
    })),
    { label: "no header, body only", bytes: encode(body), expected: "no-separator" },
    { label: "header only, no newline", bytes: encode(HEADER), expected: "no-separator" },
    { label: "empty datagram", bytes: new Uint8Array(0), expected: "no-separator" },
    { label: "a lone newline", bytes: encode("\n"), expected: "bad-header" },
    {
      label: "body before header",
      bytes: encode(`${body}\n${HEADER}`),
      expected: "bad-header",
    },
    {
      label: "byte order mark before the header",
      bytes: encode(`\uFEFF${HEADER}\n${body}`),
      expected: "accepted",
    },
  ];
}

function bodies(): MalformedInput[] {
  const valid = document();
  const cases: readonly (readonly [string, string, MalformedInput["expected"]])[] = [
    ["empty body", "", "empty-body"],
    ["whitespace body", " \t\r\n  ", "empty-body"],
    ["body null", "null", "not-object"],
    ["body true", "true", "not-object"],
    ["body 42", "42", "not-object"],
    ["body string", '"segment"', "not-object"],
    ["body empty array", "[]", "not-object"],
    ["body array of a segment", `[${valid}]`, "not-object"],
    ["body empty object", "{}", "invalid-document"],
    ["two documents", `${valid}\n${valid}`, "not-json"],
    ["trailing garbage", `${valid}xyz`, "not-json"],
    ["trailing newline", `${valid}\n`, "accepted"],
    ["byte order mark before the body", `\uFEFF${valid}`, "not-json"],
    ["NUL byte before the body", `\u0000${valid}`, "not-json"],
    ["raw NUL inside a string", document([["name", '"a\u0000b"']]), "not-json"],
    ["escaped NUL inside a string", document([["name", '"a\\u0000b"']]), "accepted"],
    ["lone surrogate escape", document([["name", '"\\ud800"']]), "accepted"],
    ["single quotes", valid.replaceAll('"', "'"), "not-json"],
    ["comment", `/* x */${valid}`, "not-json"],
    ["trailing comma", `${valid.slice(0, -1)},}`, "not-json"],
    [
      "duplicate keys",
      document([
        ["name", '"a"'],
        ["name", '"b"'],
      ]),
      "accepted",
    ],
    ["OTLP sampled prefix", "T1SCo0CCpcBCiYKDHNlcnZpY2UubmFtZRIW", "not-json"],
    ["OTLP unsampled prefix", "T1UCo0CCpcBCiYKDHNlcnZpY2UubmFtZRIW", "not-json"],
    ["3000 annotations", document([["annotations", manyAnnotations(3000)]]), "accepted"],
    ["60 000-character name", document([["name", JSON.stringify("n".repeat(60_000))]]), "accepted"],
    [
      "every field wrongly typed below the top level",
      document([
        ["http", "[]"],
        ["cause", "null"],
        ["annotations", '{"a b":{},"c":null}'],
        ["metadata", '{"default":5}'],
        ["subsegments", '[1,"x",null,{"id":7}]'],
        ["error", '"yes"'],
      ]),
      "accepted",
    ],
  ];
  const crlf = {
    label: "CRLF line ending",
    bytes: encode(`${HEADER}\r\n${valid}`),
    expected: "accepted" as const,
  };
  return [
    ...cases.map(([label, body, expected]) => ({
      label,
      bytes: datagram(body),
      expected,
      ...(body.startsWith("T1") ? { otlp: true } : {}),
    })),
    crlf,
  ];
}

function oversized(): MalformedInput[] {
  return [
    { label: "70 KB valid segment", bytes: paddedTo(70_000), expected: "too-large" },
    {
      label: "70 KB of garbage",
      bytes: datagram("x".repeat(70_000)),
      expected: "too-large",
    },
    { label: "exactly 64 KiB", bytes: paddedTo(LIMIT), expected: "accepted" },
    { label: "64 KiB + 1 byte", bytes: paddedTo(LIMIT + 1), expected: "too-large" },
    {
      label: "70 KB of multibyte characters",
      bytes: datagram(document([["name", JSON.stringify("€".repeat(23_400))]])),
      expected: "too-large",
    },
  ];
}

function deepNesting(): MalformedInput[] {
  const depth = 10_000;
  return [
    {
      label: `arrays nested ${depth} deep`,
      bytes: datagram(`${"[".repeat(depth)}${"]".repeat(depth)}`),
      expected: "not-object",
    },
    {
      label: `objects nested ${depth} deep`,
      bytes: datagram(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
      expected: "too-deep",
    },
    {
      label: `arrays opened ${depth} deep, never closed`,
      bytes: datagram("[".repeat(depth)),
      expected: "not-json",
    },
    {
      label: `metadata nested ${depth} deep`,
      bytes: datagram(
        document([["metadata", `{"default":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}`]]),
      ),
      expected: "too-deep",
    },
    {
      label: "subsegments nested 3000 deep",
      bytes: datagram(document([["subsegments", nestedSubsegments(3000)]])),
      expected: "too-deep",
    },
    {
      label: "subsegments nested 49 deep (the document 99 deep)",
      bytes: datagram(document([["subsegments", nestedSubsegments(49)]])),
      expected: "accepted",
    },
    {
      label: "subsegments nested 50 deep (the document 101 deep)",
      bytes: datagram(document([["subsegments", nestedSubsegments(50)]])),
      expected: "too-deep",
    },
    {
      label: `subsegments nested ${depth} deep`,
      bytes: datagram(document([["subsegments", nestedSubsegments(depth)]])),
      expected: "too-large",
    },
  ];
}

/**
 * The documents of the shared hostile traces: each trace's first and last document (a long
 * chain's last link carries the deepest metadata).
 */
function hostileDocuments(): MalformedInput[] {
  return hostileTraces().flatMap((hostile) => {
    const ends = [...new Set([hostile.documents[0], hostile.documents.at(-1)])];
    return ends.flatMap((text, i) =>
      text === undefined
        ? []
        : [
            {
              label: `hostile trace: ${hostile.name}, document ${i === 0 ? "first" : "last"}`,
              bytes: hostileDatagram(text),
              expected: hostile.verdict,
            },
          ],
    );
  });
}

/** `cause` must be an object or the 16-hex id of an exception, at any level of subsegments. */
function causes(): MalformedInput[] {
  const cases: readonly (readonly [string, string, MalformedInput["expected"]])[] = [
    ["cause 200", "200", "invalid-document"],
    ["cause true", "true", "invalid-document"],
    ["cause array", '[{"exceptions":[]}]', "invalid-document"],
    ["cause not an exception id", '"boom"', "invalid-document"],
    ["cause an exception id", '"4f721b24584dfd8d"', "accepted"],
    ["cause null", "null", "accepted"],
    ["cause object", '{"exceptions":[{"id":"4f721b24584dfd8d","message":"x"}]}', "accepted"],
  ];
  return [
    ...cases.map(([label, value, expected]) => ({
      label,
      bytes: datagram(document([["cause", value]])),
      expected,
    })),
    {
      label: "cause 200 in an embedded subsegment",
      bytes: datagram(
        document([
          [
            "subsegments",
            '[{"id":"0af5feaee8df6314","name":"s","start_time":1,"end_time":2,"cause":200}]',
          ],
        ]),
      ),
      expected: "invalid-document",
    },
  ];
}

function nestedSubsegments(depth: number): string {
  return `${'[{"subsegments":'.repeat(depth)}[]${"}]".repeat(depth)}`;
}

function prototypeKeys(): MalformedInput[] {
  const payloads: readonly (readonly [string, string])[] = [
    ["__proto__", '{"polluted":"yes"}'],
    ["constructor", '{"prototype":{"polluted":"yes"}}'],
    ["prototype", '{"polluted":"yes"}'],
  ];
  const frame = (extra: string) => `{"path":"app.js","line":1${extra}}`;
  const exception = (extra: string, stack: string) =>
    `{"id":"4f721b24584dfd8d","message":"boom"${extra},"stack":[${stack}]}`;
  const subsegment = (extra: string) =>
    `{"id":"0af5feaee8df6314","name":"sub","start_time":1,"end_time":2${extra}}`;
  const inputs: MalformedInput[] = [];
  for (const [key, value] of payloads) {
    const extra = `,${JSON.stringify(key)}:${value}`;
    const member = `{${JSON.stringify(key)}:${value}}`;
    const placements: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
      ["top level", [[key, value]]],
      ["http", [["http", member]]],
      ["http.request", [["http", `{"request":${member}}`]]],
      ["annotations", [["annotations", member]]],
      ["metadata", [["metadata", member]]],
      ["metadata.default", [["metadata", `{"default":${member}}`]]],
      ["aws", [["aws", member]]],
      ["cause", [["cause", `{"exceptions":[]${extra}}`]]],
      ["exception", [["cause", `{"exceptions":[${exception(extra, "")}]}`]]],
      ["stack frame", [["cause", `{"exceptions":[${exception("", frame(extra))}]}`]]],
      ["subsegment", [["subsegments", `[${subsegment(extra)}]`]]],
    ];
    for (const [where, fields] of placements) {
      inputs.push({
        label: `${JSON.stringify(key)} key in ${where}`,
        bytes: datagram(document(fields)),
        expected: "accepted",
      });
    }
    inputs.push({
      label: `${JSON.stringify(key)} as the only key`,
      bytes: datagram(member),
      expected: "invalid-document",
    });
  }
  return inputs;
}

function wrongFields(): MalformedInput[] {
  const cases: readonly (readonly [string, string])[] = [
    ["id", "1234567890123456"],
    ["id", "null"],
    ["id", '""'],
    ["id", '"0123456789abcdeg"'],
    ["id", '"0123456789abcde"'],
    ["id", '"0123456789abcdef0"'],
    ["id", '["09c02be70ccf2262"]'],
    ["trace_id", "1"],
    ["trace_id", '"1-abc-def"'],
    ["trace_id", '"2-6b08024a-8c2b188fd2ca9e061ec668b5"'],
    ["trace_id", '"1-6b08024a-8c2b188fd2ca9e061ec668b"'],
    ["trace_id", '{"root":"1-6b08024a-8c2b188fd2ca9e061ec668b5"}'],
    ["name", '""'],
    ["name", "5"],
    ["name", "null"],
    ["name", '["corpus"]'],
    ["start_time", '"1795686985.505"'],
    ["start_time", '"NaN"'],
    ["start_time", "null"],
    ["start_time", "true"],
    ["start_time", "1e999"],
    ["start_time", "-1e999"],
    ["end_time", '"x"'],
    ["end_time", "null"],
    ["end_time", "1e999"],
    ["parent_id", "123"],
    ["parent_id", '"xyz"'],
    ["parent_id", "null"],
  ];
  const inputs: MalformedInput[] = cases.map(([field, raw]) => ({
    label: `"${field}": ${raw}`,
    bytes: datagram(document([[field, raw]])),
    expected: "invalid-document",
  }));
  for (const field of ["id", "trace_id", "name", "start_time", "end_time"]) {
    inputs.push({
      label: `"${field}" missing`,
      bytes: datagram(document([], field)),
      expected: "invalid-document",
    });
  }
  inputs.push(
    {
      label: '"type": "subsegment" without "parent_id"',
      bytes: datagram(document([["type", '"subsegment"']])),
      expected: "invalid-document",
    },
    {
      label: '"in_progress": false without "end_time"',
      bytes: datagram(document([["in_progress", "false"]], "end_time")),
      expected: "invalid-document",
    },
    {
      label: '"in_progress": "true" (a string) without "end_time"',
      bytes: datagram(document([["in_progress", '"true"']], "end_time")),
      expected: "invalid-document",
    },
    {
      label: '"in_progress": true without "end_time"',
      bytes: datagram(document([["in_progress", "true"]], "end_time")),
      expected: "accepted",
    },
  );
  return inputs;
}

function extremeNumbers(): MalformedInput[] {
  const notJson = ["NaN", "Infinity", "-Infinity", "undefined", "0x10", "+1", ".5", "01", "1."];
  return [
    ...notJson.map((raw) => ({
      label: `"start_time": ${raw}`,
      bytes: datagram(document([["start_time", raw]])),
      expected: "not-json" as const,
    })),
    {
      label: "times near Number.MAX_VALUE",
      bytes: datagram(
        document([
          ["start_time", "1e308"],
          ["end_time", "1.7976931348623157e308"],
        ]),
      ),
      expected: "accepted",
    },
    {
      label: "start_time with 30 digits",
      bytes: datagram(document([["start_time", "123456789012345678901234567890"]])),
      expected: "accepted",
    },
    {
      label: "negative zero times",
      bytes: datagram(
        document([
          ["start_time", "-0"],
          ["end_time", "-0.0"],
        ]),
      ),
      expected: "accepted",
    },
    {
      label: "end_time before start_time",
      bytes: datagram(document([["end_time", "1"]])),
      expected: "accepted",
    },
    {
      label: "infinite annotation value",
      bytes: datagram(document([["annotations", '{"n":1e999,"m":-1e999}']])),
      expected: "accepted",
    },
    {
      label: "huge HTTP status",
      bytes: datagram(document([["http", '{"response":{"status":1e300}}']])),
      expected: "accepted",
    },
  ];
}

/** The valid segment with `fields` replacing or adding keys, and `omit` left out. */
function document(fields: readonly (readonly [string, string])[] = [], omit?: string): string {
  const replaced = new Set(fields.map(([key]) => key));
  const base = VALID_FIELDS.filter(([key]) => key !== omit && !replaced.has(key));
  return `{${[...base, ...fields].map(([key, raw]) => `${JSON.stringify(key)}:${raw}`).join(",")}}`;
}

function manyAnnotations(count: number): string {
  return `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(",")}}`;
}

/** A valid datagram of exactly `size` bytes (ASCII), padded in metadata. */
function paddedTo(size: number): Uint8Array {
  const empty = `${HEADER}\n${document([["metadata", '{"default":{"pad":""}}']])}`;
  const pad = "p".repeat(size - empty.length);
  return datagram(document([["metadata", `{"default":{"pad":"${pad}"}}`]]));
}

function datagram(body: string): Uint8Array {
  return encode(`${HEADER}\n${body}`);
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
