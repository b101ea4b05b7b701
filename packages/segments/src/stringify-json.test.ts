import { acceptedHostileTraces, loadAllFixtures } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { parseDatagram } from "./parse-datagram.ts";
import { scanDocumentText } from "./scan-document.ts";
import { stringifyJson, stringifyJsonIteratively } from "./stringify-json.ts";
import { generateMalformedCorpus } from "./test-support/malformed-corpus.ts";
import { TraceStore } from "./trace-store.ts";
import { epochMillis, type TraceId } from "./units.ts";

interface Chain {
  readonly name: string;
  readonly children: Chain[];
}

/** `depth` nodes, each the only child of the one before. */
function chain(depth: number): Chain {
  let node: Chain = { name: `n${depth}`, children: [] };
  for (let level = depth - 1; level >= 1; level--) node = { name: `n${level}`, children: [node] };
  return node;
}

function chainText(depth: number): string {
  let open = "";
  for (let level = 1; level <= depth; level++) open += `{"name":"n${level}","children":[`;
  return `${open}${"]}".repeat(depth)}`;
}

const SPECIAL_VALUES: readonly unknown[] = [
  { a: undefined, b: () => 1, c: Symbol("s"), d: 1 },
  [undefined, () => 1, Symbol("s"), null],
  { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, negInf: -Infinity, negZero: -0, big: 1e300 },
  { small: 5e-324, exponent: 1.5e-7, integer: 2 ** 60 },
  { date: new Date(0), custom: { toJSON: (key: string) => `key ${key}` } },
  { boxed: [new Number(1), new String("s"), new Boolean(false)] },
  { 'quote"key': "line\nbreak\u0000\u2028", "": "", lone: "\ud800", emoji: "😀" },
  JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":2}}'),
  [[], {}, [[]], [{}], { a: [] }],
  [],
  {},
];

describe("stringifyJson", () => {
  it("writes what JSON.stringify writes", () => {
    const values: unknown[] = [...SPECIAL_VALUES];
    for (const { bytes } of [...loadAllFixtures(), ...generateMalformedCorpus()]) {
      const parsed = parseDatagram(bytes);
      if (parsed.ok) values.push(parsed.document);
    }
    for (const value of values) {
      expect(stringifyJsonIteratively(value)).toBe(JSON.stringify(value));
      expect(stringifyJson(value)).toBe(JSON.stringify(value));
    }
    for (const scalar of ["s", 1, true, null, undefined, Number.NaN]) {
      expect(stringifyJsonIteratively(scalar)).toBe(JSON.stringify(scalar));
    }
  });

  it("writes a tree far deeper than JSON.stringify can", () => {
    const depth = 20_000;
    const tree = chain(depth);
    expect(() => JSON.stringify(tree)).toThrow(RangeError);
    const text = stringifyJson(tree);
    expect(text).toBe(chainText(depth));
    expect(stringifyJsonIteratively(tree)).toBe(text);
    // JSON.parse reads it back at that depth.
    let node: Chain | undefined = JSON.parse(text ?? "null") as Chain;
    let levels = 0;
    for (; node; node = node.children[0]) levels++;
    expect(levels).toBe(depth);
  });

  it("throws on a cycle as JSON.stringify does", () => {
    const looped: { self?: unknown; list: unknown[] } = { list: [] };
    looped.list.push({ back: looped });
    expect(() => stringifyJsonIteratively(looped)).toThrow(TypeError);
    expect(() => stringifyJson(looped)).toThrow(TypeError);
    const shared = { a: 1 };
    expect(stringifyJsonIteratively({ x: shared, y: [shared] })).toBe(
      '{"x":{"a":1},"y":[{"a":1}]}',
    );
  });

  it.each(acceptedHostileTraces())("writes the assembled tree of $name", (hostile) => {
    const store = new TraceStore({ maxTraces: 1, maxBytes: 64 << 20 });
    hostile.documents.forEach((text, i) => {
      const scanned = scanDocumentText(text);
      if (!scanned.ok) throw new Error(scanned.rejection.message);
      store.ingest(scanned.index, scanned.raw, text.length, epochMillis(i));
    });
    const trace = store.getTrace(hostile.traceId as TraceId);
    const text = stringifyJson({ segments: trace?.segments });
    const parsed = JSON.parse(text ?? "null") as { segments: Chain[] };
    let nodes = 0;
    const stack = [...parsed.segments];
    for (let node = stack.pop(); node; node = stack.pop()) {
      nodes++;
      stack.push(...node.children);
    }
    expect(nodes).toBe(hostile.nodes);
  });
});
