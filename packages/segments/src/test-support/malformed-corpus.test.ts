import { describe, expect, it } from "vitest";
import { parseDatagram } from "../parse-datagram.ts";
import type { RejectionReason } from "../parse-result.ts";
import { generateMalformedCorpus } from "./malformed-corpus.ts";

const corpus = generateMalformedCorpus();

describe("the malformed corpus", () => {
  it("holds several hundred uniquely labelled inputs covering every rejection reason", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(new Set(corpus.map((input) => input.label)).size).toBe(corpus.length);
    const reasons: RejectionReason[] = [
      "too-large",
      "invalid-utf8",
      "no-separator",
      "bad-header",
      "empty-body",
      "not-json",
      "not-object",
      "too-deep",
      "invalid-document",
    ];
    const expected = new Set(corpus.map((input) => input.expected));
    for (const reason of reasons) expect(expected).toContain(reason);
    expect(expected).toContain("accepted");
    expect(corpus.filter((input) => input.otlp).length).toBeGreaterThan(10);
  });

  it("is the same for the same seed and differs for another", () => {
    const fingerprint = (inputs: typeof corpus) =>
      inputs.map((input) => `${input.label}:${Buffer.from(input.bytes).toString("base64")}`);
    expect(fingerprint(generateMalformedCorpus())).toEqual(fingerprint(corpus));
    expect(fingerprint(generateMalformedCorpus(7))).not.toEqual(fingerprint(corpus));
  });
});

describe("parseDatagram on the malformed corpus", () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const results = corpus.map((input) => {
    try {
      return { input, result: parseDatagram(input.bytes) };
    } catch (error) {
      return { input, thrown: error };
    }
  });

  it("never throws and answers every input", () => {
    const thrown = results.filter((entry) => "thrown" in entry).map((entry) => entry.input.label);
    expect(thrown).toEqual([]);
    for (const entry of results) expect(typeof entry.result?.ok).toBe("boolean");
  });

  it("gives each input whose outcome is known that outcome", () => {
    const mismatches = results.flatMap(({ input, result }) => {
      if (input.expected === undefined || result === undefined) return [];
      const actual = result.ok ? "accepted" : result.rejection.reason;
      return actual === input.expected
        ? []
        : [`${input.label}: ${actual}, expected ${input.expected}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("says of every OTLP body that it is one", () => {
    for (const { input, result } of results) {
      if (!input.otlp) continue;
      expect(result?.ok === false && result.rejection.message, input.label).toMatch(
        /^the body is OTLP spans for UDP/,
      );
    }
  });

  it("gives every rejection a one-line message", () => {
    for (const { result } of results) {
      if (result === undefined || result.ok) continue;
      expect(result.rejection.message.length).toBeGreaterThan(10);
      expect(result.rejection.message.length).toBeLessThan(400);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
      expect(result.rejection.message).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it("leaves Object.prototype alone whatever keys the documents carry", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(Object.prototype.constructor).toBe(Object);
  });

  it("keeps prototype-named keys as plain data on the document", () => {
    const entry = results.find(({ input }) => input.label === '"__proto__" key in top level');
    expect(entry?.result?.ok).toBe(true);
    if (entry?.result?.ok !== true) return;
    const document: object = entry.result.document;
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(document, "__proto__")?.value).toEqual({
      polluted: "yes",
    });
  });
});
