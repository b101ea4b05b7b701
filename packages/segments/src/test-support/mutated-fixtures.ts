/**
 * Real SDK datagrams, each broken or bent in a few random places: for checking that two
 * readers of datagrams agree on every input, not only on the ones someone thought of.
 * Deterministic for a given seed.
 */

import { loadAllFixtures, seededRandom } from "@xray-sandbox/fixtures";

export interface MutatedInput {
  /** The fixture and the mutations applied, in order: enough to rebuild the input. */
  readonly label: string;
  readonly bytes: Uint8Array;
}

/** Text inserted at random places: JSON's delimiters, escapes good and bad, and odd characters. */
const INSERTIONS: readonly string[] = [
  '"',
  "\\",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  " ",
  "\n",
  "\t",
  "\r",
  "\u0000",
  "\u0007",
  "\u001f",
  "\u007f",
  "\\u00e9",
  "\\u20AC",
  "\\ud800",
  "\\udc00",
  "\\ud83d\\ude00",
  "\\u12",
  "\\u12G4",
  "\\x41",
  "\\'",
  "\\/",
  "\ud800",
  "\udc00",
  "é",
  "€",
  "😀",
  "\uFEFF",
  "-",
  "+",
  ".",
  "e",
  "E",
  "0",
  "01",
  "-0",
  "1e999",
  "true",
  "tru",
  "null",
  "nul",
  "false",
  "NaN",
  "Infinity",
  "{}",
  "[]",
  '""',
];

/** Whole top-level members, put first (so a later key overrides them) or last (so they win). */
const MEMBERS: readonly string[] = [
  '"id":"0123456789abcdef"',
  '"id":"0123456789ABCDEG"',
  '"id":null',
  '"id":{"x":1}',
  '"\\u0069d":"fedcba9876543210"',
  '"trace_id":"1-6b08024a-8c2b188fd2ca9e061ec668b5"',
  '"trace_id":5',
  '"trace_id":"1-6b08024a-8c2b188fd2ca9e061ec668b\\u0035"',
  '"name":"dup"',
  '"name":""',
  '"name":"caf\\u00e9 \\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t"',
  '"name":["a"]',
  '"n\\u0061me":"escaped key"',
  '"start_time":-1.5e-3',
  '"start_time":"1"',
  '"start_time":1E+2',
  '"end_time":null',
  '"end_time":-0',
  '"end_time":1e999',
  '"in_progress":true',
  '"in_progress":false',
  '"in_progress":"yes"',
  '"type":"subsegment"',
  '"type":"segment"',
  '"type":{}',
  '"parent_id":"0123456789abcdef"',
  '"parent_id":null',
  '"parent_id":"xyz"',
  '"__proto__":{"id":"0123456789abcdef"}',
];

const HEADER_BYTES = new TextEncoder().encode('{"format":"json","version":1}\n');

export function mutateFixtures(count: number, seed = 0xf022): MutatedInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("nothing to pick from");
    return item;
  };
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const fixtures = loadAllFixtures().map((fixture) => {
    const text = decoder.decode(fixture.bytes);
    return { name: `${fixture.run}/${fixture.file}`, body: text.slice(text.indexOf("\n") + 1) };
  });

  const inputs: MutatedInput[] = [];
  for (let n = 0; n < count; n++) {
    const fixture = pick(fixtures);
    let body = fixture.body;
    const steps: string[] = [];
    const mutations = 1 + Math.floor(random() * 3);
    for (let m = 0; m < mutations; m++) {
      const at = Math.floor(random() * (body.length + 1));
      const kind = random();
      if (kind < 0.35) {
        const text = pick(INSERTIONS);
        body = body.slice(0, at) + text + body.slice(at);
        steps.push(`insert ${JSON.stringify(text)} at ${at}`);
      } else if (kind < 0.55) {
        const code = body.charCodeAt(at) ^ (1 << Math.floor(random() * 7));
        if (Number.isNaN(code)) continue;
        body = body.slice(0, at) + String.fromCharCode(code) + body.slice(at + 1);
        steps.push(`flip a bit of ${at}`);
      } else if (kind < 0.65) {
        const length = 1 + Math.floor(random() * 12);
        body = body.slice(0, at) + body.slice(at + length);
        steps.push(`delete ${length} at ${at}`);
      } else if (kind < 0.72) {
        body = body.slice(0, at);
        steps.push(`truncate at ${at}`);
      } else {
        const member = pick(MEMBERS);
        const first = random() < 0.5;
        const open = body.indexOf("{");
        const close = body.lastIndexOf("}");
        if (open === -1 || close === -1) continue;
        body = first
          ? `${body.slice(0, open + 1)}${member},${body.slice(open + 1)}`
          : `${body.slice(0, close)},${member}${body.slice(close)}`;
        steps.push(`${first ? "prepend" : "append"} ${member}`);
      }
    }
    const encoded = encoder.encode(body);
    const bytes = new Uint8Array(HEADER_BYTES.length + encoded.length);
    bytes.set(HEADER_BYTES);
    bytes.set(encoded, HEADER_BYTES.length);
    inputs.push({ label: `#${n} ${fixture.name}: ${steps.join("; ")}`, bytes });
  }
  return inputs;
}
