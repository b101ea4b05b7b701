import { type FixtureRun, loadAllFixtures, loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { isIndependentSubsegment } from "./document.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { MAX_DOCUMENT_BYTES, parseDocumentText } from "./parse-document.ts";
import type { AcceptedDocument, ParseResult, RejectionReason } from "./parse-result.ts";

const HEADER = '{"format":"json","version":1}';
const SEGMENT = {
  trace_id: "1-6b08024a-8c2b188fd2ca9e061ec668b5",
  id: "09c02be70ccf2262",
  name: "checkout",
  start_time: 1795686985.505,
  end_time: 1795686985.507,
};

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function datagram(body: unknown, header = HEADER): Uint8Array {
  return encode(`${header}\n${typeof body === "string" ? body : JSON.stringify(body)}`);
}

function accepted(result: ParseResult): AcceptedDocument {
  if (!result.ok)
    throw new Error(`rejected: ${result.rejection.reason}: ${result.rejection.message}`);
  return result;
}

function fixture(run: FixtureRun, file: string): Uint8Array {
  const found = loadFixtureRun(run).find((datagram) => datagram.file === file);
  if (found === undefined) throw new Error(`no fixture ${run}/${file}`);
  return found.bytes;
}

function bodyOf(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  return text.slice(text.indexOf("\n") + 1);
}

describe("parseDatagram on real SDK datagrams", () => {
  const fixtures = loadAllFixtures();

  it("accepts every fixture except the ADOT OTLP ones, keeping the body as received", () => {
    expect(fixtures.length).toBeGreaterThan(20);
    for (const { run, file, bytes } of fixtures) {
      const result = parseDatagram(bytes);
      if (run === "adot-otlp-udp") {
        expect(result.ok ? "accepted" : result.rejection.reason, `${run}/${file}`).toBe("not-json");
      } else {
        expect(result.ok, `${run}/${file}`).toBe(true);
        expect(accepted(result).raw).toBe(bodyOf(bytes));
      }
    }
  });

  it("warns only about the deviations real SDKs are known to produce", () => {
    const paths = fixtures.flatMap(({ bytes }) => {
      const result = parseDatagram(bytes);
      return result.ok ? result.warnings.map((warning) => warning.path) : [];
    });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/(^|\.)(user_agent|line|in_progress)$/);
  });

  it("accepts the Python SDK's header with spaces and warns about its in_progress: false", () => {
    const bytes = fixture("py-095-flask", "001.dgram");
    expect(new TextDecoder().decode(bytes)).toMatch(/^\{"format": "json", "version": 1\}\n/);
    const { document, warnings } = accepted(parseDatagram(bytes));
    expect(document.in_progress).toBe(false);
    expect(warnings).toContainEqual({
      path: "in_progress",
      message: expect.stringContaining('"in_progress": false is redundant'),
    });
    expect(warnings.map((warning) => warning.path)).toContain("subsegments[0].in_progress");
  });

  it('accepts a stack frame with "line": null and warns with its path', () => {
    const { document, warnings } = accepted(parseDatagram(fixture("run1-basic", "009.dgram")));
    expect(document.subsegments?.[0]?.cause).toBeDefined();
    expect(warnings).toContainEqual({
      path: "subsegments[0].cause.exceptions[0].stack[0].line",
      message: expect.stringContaining('"line" is null'),
    });
  });

  it('warns about "user_agent": ""', () => {
    const { warnings } = accepted(parseDatagram(fixture("run1-basic", "004.dgram")));
    expect(warnings).toEqual([
      { path: "http.request.user_agent", message: expect.stringContaining("empty string") },
    ]);
  });

  it("reads run2's streamed subsegments as independent subsegments of the later segment", () => {
    const parentText = bodyOf(fixture("run2-streaming-default", "005.dgram"));
    for (const file of ["001.dgram", "002.dgram", "003.dgram", "004.dgram"]) {
      const { document } = accepted(parseDatagram(fixture("run2-streaming-default", file)));
      expect(isIndependentSubsegment(document), file).toBe(true);
      if (!isIndependentSubsegment(document)) continue;
      expect(document.type).toBe("subsegment");
      expect(document.trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(parentText).toContain(`"id":"${document.parent_id}"`);
    }
  });

  it("accepts run6's in_progress documents without end_time, then the completed one", () => {
    const [first, second, third] = loadFixtureRun("run6-manual").map(({ bytes }) =>
      accepted(parseDatagram(bytes)),
    );
    for (const open of [first, second]) {
      expect(open?.document.in_progress).toBe(true);
      expect(open?.document.end_time).toBeUndefined();
    }
    expect(third?.document.id).toBe(second?.document.id);
    expect(typeof third?.document.end_time).toBe("number");
    expect(third?.document.in_progress).toBeUndefined();
  });

  it("skips validation when asked, for a hot receive path", () => {
    const result = accepted(
      parseDatagram(fixture("py-095-flask", "001.dgram"), { warnings: false }),
    );
    expect(result.warnings).toEqual([]);
    expect(result.document.name).toBe("flask-seed");
  });
});

describe("parseDatagram rejections", () => {
  const rows: readonly {
    reason: RejectionReason;
    input: Uint8Array;
    message: string | RegExp;
  }[] = [
    {
      reason: "too-large",
      input: datagram({ ...SEGMENT, metadata: { default: { blob: "x".repeat(70_000) } } }),
      message: /^the datagram is 70\d{3} bytes, over the 65536-byte limit; real X-Ray drops it too/,
    },
    {
      reason: "invalid-utf8",
      input: new Uint8Array([...encode(`${HEADER}\n{"name":"`), 0xc3, 0x28, ...encode('"}')]),
      message: "the datagram is not valid UTF-8",
    },
    {
      reason: "no-separator",
      input: encode(JSON.stringify(SEGMENT)),
      message: `no newline in the datagram: expected the header ${HEADER}, "\\n", then one JSON document`,
    },
    {
      reason: "bad-header",
      input: datagram(SEGMENT, '{"format":"json","version":2}'),
      message: 'header "version" is 2, expected 1',
    },
    {
      reason: "bad-header",
      input: datagram(SEGMENT, '{"format": "xml", "version": 1}'),
      message: 'header "format" is "xml", expected "json"',
    },
    {
      reason: "bad-header",
      input: datagram(SEGMENT, '{"version":1}'),
      message: 'the header has no "format", expected "json"',
    },
    {
      reason: "bad-header",
      input: datagram(SEGMENT, "format=json version=1"),
      message: `the header line is not JSON: "format=json version=1", expected ${HEADER}`,
    },
    {
      reason: "bad-header",
      input: datagram(SEGMENT, '["json",1]'),
      message: `the header is an array, expected a JSON object like ${HEADER}`,
    },
    {
      reason: "empty-body",
      input: datagram(" \r\n"),
      message: "the body is empty: expected one JSON segment document",
    },
    {
      reason: "not-json",
      input: datagram("T1SCo0CCpcBCiYKDHNlcnZpY2UubmFtZRIW"),
      message:
        /^the body is OTLP spans for UDP \(ADOT OTLPUdpSpanExporter, prefix "T1S"\).*the daemon decodes these.*parseDatagram reads segment JSON only/,
    },
    {
      reason: "not-json",
      input: datagram(`${JSON.stringify(SEGMENT).slice(0, -1)},}`),
      message: /^the body is not valid JSON: .+/,
    },
    {
      reason: "not-object",
      input: datagram([SEGMENT]),
      message: "the body is an array, expected a JSON object (one segment document)",
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, id: 1234 }),
      message: '"id" is 1234, expected 16 hex digits',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, trace_id: "6b08024a-8c2b188fd2ca9e061ec668b5" }),
      message:
        '"trace_id" is "6b08024a-8c2b188fd2ca9e061ec668b5", expected 1-<8 hex digits>-<24 hex digits>',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, name: "" }),
      message: '"name" is "", expected a non-empty string',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, start_time: "2025-01-01T00:00:00Z" }),
      message: '"start_time" is "2025-01-01T00:00:00Z", expected epoch seconds as a number',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, end_time: undefined }),
      message: 'neither "end_time" nor "in_progress": true is set',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, type: "subsegment" }),
      message:
        '"type" is "subsegment" but "parent_id" is missing: a subsegment sent on its own must name its parent',
    },
    {
      reason: "invalid-document",
      input: datagram({ ...SEGMENT, parent_id: "not-an-id" }),
      message: '"parent_id" is "not-an-id", expected 16 hex digits',
    },
    {
      reason: "invalid-document",
      input: datagram({ name: "checkout", start_time: 1 }),
      message:
        '"id" is missing, expected 16 hex digits; "trace_id" is missing, expected 1-<8 hex digits>-<24 hex digits>; neither "end_time" nor "in_progress": true is set',
    },
  ];

  it.each(rows)("$reason: $message", ({ reason, input, message }) => {
    const result = parseDatagram(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.reason).toBe(reason);
    if (typeof message === "string") expect(result.rejection.message).toBe(message);
    else expect(result.rejection.message).toMatch(message);
  });

  it("checks in the documented order: size, encoding, separator, header, body", () => {
    const reasonOf = (bytes: Uint8Array, maxBytes?: number) => {
      const result = parseDatagram(bytes, { maxBytes });
      return result.ok ? "accepted" : result.rejection.reason;
    };
    const badUtf8NoNewline = new Uint8Array([0x7b, 0xff, 0x7d]);
    expect(reasonOf(badUtf8NoNewline, 2)).toBe("too-large");
    expect(reasonOf(badUtf8NoNewline)).toBe("invalid-utf8");
    expect(reasonOf(encode("garbage without newline"))).toBe("no-separator");
    expect(reasonOf(datagram("", "garbage"))).toBe("bad-header");
    expect(reasonOf(datagram("T1S", "{}"))).toBe("bad-header");
  });

  it("trims a long parser complaint and strips control characters from it", () => {
    const result = parseDatagram(datagram(`\u0007${"x".repeat(5000)}`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.message.length).toBeLessThan(250);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(result.rejection.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("honours maxBytes in both directions", () => {
    const big = datagram({ ...SEGMENT, metadata: { default: { blob: "x".repeat(70_000) } } });
    expect(accepted(parseDatagram(big, { maxBytes: 100_000 })).document.id).toBe(SEGMENT.id);
    const small = parseDatagram(datagram(SEGMENT), { maxBytes: 100 });
    expect(small.ok ? "accepted" : small.rejection.reason).toBe("too-large");
  });
});

describe("parseDocumentText", () => {
  it("accepts a PutTraceSegments entry (no header) and keeps its text", () => {
    const text = bodyOf(fixture("run1-basic", "004.dgram"));
    const result = accepted(parseDocumentText(text));
    expect(result.raw).toBe(text);
    expect(result.document.fault).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual(["http.request.user_agent"]);
  });

  it("rejects a datagram passed as a document: the header line makes it invalid JSON", () => {
    const text = new TextDecoder().decode(fixture("run1-basic", "004.dgram"));
    const result = parseDocumentText(text);
    expect(result.ok ? "accepted" : result.rejection.reason).toBe("not-json");
  });

  it("measures the limit in UTF-8 bytes, not in characters", () => {
    const overhead = JSON.stringify({ ...SEGMENT, name: "" }).length;
    const fits = Math.floor((MAX_DOCUMENT_BYTES - overhead) / 3);
    const under = JSON.stringify({ ...SEGMENT, name: "€".repeat(fits) });
    const over = JSON.stringify({ ...SEGMENT, name: "€".repeat(fits + 1) });
    expect(encode(under).length).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    expect(encode(over).length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(over.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(parseDocumentText(under).ok).toBe(true);
    const result = parseDocumentText(over);
    expect(result.ok ? "accepted" : result.rejection.reason).toBe("too-large");
  });

  it("gives the same reasons as a datagram body", () => {
    const reasonOf = (text: string) => {
      const result = parseDocumentText(text);
      return result.ok ? "accepted" : result.rejection.reason;
    };
    expect(reasonOf("")).toBe("empty-body");
    expect(reasonOf("{")).toBe("not-json");
    expect(reasonOf("null")).toBe("not-object");
    expect(reasonOf(JSON.stringify({ ...SEGMENT, id: "xyz" }))).toBe("invalid-document");
  });
});
