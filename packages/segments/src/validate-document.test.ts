import { describe, expect, it } from "vitest";
import type { TopLevelDocument } from "./document.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { MAX_CHECKED_NESTING, MAX_LISTED_WARNINGS, validateDocument } from "./validate-document.ts";

const SEGMENT = {
  trace_id: "1-6b08024a-8c2b188fd2ca9e061ec668b5",
  id: "09c02be70ccf2262",
  name: "checkout",
  start_time: 1795686985.505,
  end_time: 1795686985.507,
};
const SUBSEGMENT = {
  id: "0af5feaee8df6314",
  name: "db",
  start_time: 1795686985.506,
  end_time: 1795686985.507,
};

interface Deviation {
  readonly deviation: string;
  readonly fields: Record<string, unknown>;
  readonly path: string;
  readonly message: string;
}

/** A document as JSON.parse would hand it over: anything the sender wrote. */
function doc(fields: Record<string, unknown>): TopLevelDocument {
  return { ...SEGMENT, ...fields } as unknown as TopLevelDocument;
}

function warningsOf(fields: Record<string, unknown>) {
  return validateDocument(doc(fields));
}

describe("validateDocument", () => {
  it("has nothing to say about a complete, schema-conforming segment", () => {
    expect(
      warningsOf({
        http: { request: { method: "GET", user_agent: "curl/8" }, response: { status: 200 } },
        annotations: { user_id: "u-42", premium: true, score: 9.5 },
        metadata: { default: { cart: [1, 2] } },
        aws: { xray: { sdk: "X-Ray for Node.js" } },
        cause: {
          exceptions: [{ id: "4f721b24584dfd8d", stack: [{ path: "app.js", line: 3 }] }],
        },
        subsegments: [{ ...SUBSEGMENT, namespace: "remote", traced: true }],
      }),
    ).toEqual([]);
  });

  it.each<Deviation>([
    {
      deviation: "a stack frame's line is null",
      fields: { cause: { exceptions: [{ id: "4f721b24584dfd8d", stack: [{ line: null }] }] } },
      path: "cause.exceptions[0].stack[0].line",
      message:
        '"line" is null (the Node SDK sends it for frames without a line); the schema expects an integer',
    },
    {
      deviation: "a stack frame's line is a string",
      fields: { cause: { exceptions: [{ id: "4f721b24584dfd8d", stack: [{}, { line: "12" }] }] } },
      path: "cause.exceptions[0].stack[1].line",
      message: '"line" is "12", expected an integer',
    },
    {
      deviation: "an empty user agent",
      fields: { http: { request: { user_agent: "" } } },
      path: "http.request.user_agent",
      message: `"user_agent" is an empty string; the schema expects the client's User-Agent or no key`,
    },
    {
      deviation: "in_progress: false",
      fields: { in_progress: false },
      path: "in_progress",
      message:
        '"in_progress": false is redundant; the schema expects the key only while the work is open',
    },
    {
      deviation: "an unknown key",
      fields: { Dummy: false },
      path: "Dummy",
      message: 'unknown key "Dummy": kept, but not part of the segment schema',
    },
    {
      deviation: "a key named like an Object.prototype member",
      fields: { constructor: "x" },
      path: "constructor",
      message: 'unknown key "constructor": kept, but not part of the segment schema',
    },
    {
      deviation: "an annotation key with a space",
      fields: { annotations: { "user id": "u-42" } },
      path: 'annotations["user id"]',
      message: 'annotation key "user id" has characters outside A-Z, a-z, 0-9 and _',
    },
    {
      deviation: "an annotation value that is an object",
      fields: { annotations: { user: { id: 42 } } },
      path: "annotations.user",
      message: "annotation value is an object, expected a string, a finite number or a boolean",
    },
    {
      deviation: "more than 50 annotations",
      fields: {
        annotations: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
      },
      path: "annotations",
      message: "51 annotations; X-Ray keeps at most 50 per trace",
    },
    {
      deviation: "end_time before start_time",
      fields: { start_time: 20, end_time: 10 },
      path: "end_time",
      message: '"end_time" 10 is before "start_time" 20',
    },
    {
      deviation: "error as a string",
      fields: { error: "true" },
      path: "error",
      message: '"error" is "true", expected a boolean',
    },
    {
      deviation: "fault as a number",
      fields: { fault: 1 },
      path: "fault",
      message: '"fault" is 1, expected a boolean',
    },
    {
      deviation: "a malformed subsegment id",
      fields: { subsegments: [SUBSEGMENT, { ...SUBSEGMENT, id: "0af5feae" }] },
      path: "subsegments[1].id",
      message: 'subsegment id is "0af5feae", expected 16 hex digits',
    },
    {
      deviation: "a subsegment that never ends",
      fields: { subsegments: [{ ...SUBSEGMENT, end_time: undefined }] },
      path: "subsegments[0].end_time",
      message: 'subsegment end_time is missing, expected a number, or "in_progress": true',
    },
    {
      deviation: "cause as a number",
      fields: { cause: 42 },
      path: "cause",
      message:
        '"cause" is 42, expected an object with "exceptions", or the 16-hex id of an exception',
    },
    {
      deviation: "cause as a malformed id",
      fields: { cause: "exception-1" },
      path: "cause",
      message: '"cause" is "exception-1", expected the 16-hex id of an exception',
    },
    {
      deviation: "a malformed exception id",
      fields: { cause: { exceptions: [{ id: 7 }] } },
      path: "cause.exceptions[0].id",
      message: "exception id is 7, expected 16 hex digits",
    },
    {
      deviation: "a metadata namespace that is not an object",
      fields: { metadata: { default: "hello" } },
      path: "metadata.default",
      message: 'metadata namespace "default" is "hello", expected an object',
    },
    {
      deviation: "metadata as an array",
      fields: { metadata: [{ default: {} }] },
      path: "metadata",
      message: '"metadata" is an array, expected an object of namespaces',
    },
    {
      deviation: "an unexpected type",
      fields: { type: "segment" },
      path: "type",
      message: '"type" is "segment", expected "subsegment" or no "type"',
    },
    {
      deviation: "an HTTP status as a string",
      fields: { http: { response: { status: "500" } } },
      path: "http.response.status",
      message: 'HTTP status is "500", expected an integer',
    },
  ])("warns about $deviation", ({ fields, path, message }) => {
    expect(warningsOf(fields)).toEqual([{ path, message }]);
  });

  it("walks embedded subsegments at every depth, with the path to each", () => {
    const nested = { ...SUBSEGMENT, subsegments: [{ ...SUBSEGMENT, Extra: 1, error: "no" }] };
    expect(warningsOf({ subsegments: [SUBSEGMENT, nested] })).toEqual([
      {
        path: "subsegments[1].subsegments[0].Extra",
        message: 'unknown key "Extra": kept, but not part of the segment schema',
      },
      {
        path: "subsegments[1].subsegments[0].error",
        message: '"error" is "no", expected a boolean',
      },
    ]);
  });

  it("survives 10 000 levels of nested subsegments, checking a bounded depth", () => {
    let innermost: Record<string, unknown> = { ...SUBSEGMENT };
    for (let i = 0; i < 10_000; i++) innermost = { ...SUBSEGMENT, subsegments: [innermost] };
    const warnings = warningsOf({ subsegments: [innermost] });
    const path = `subsegments${"[0].subsegments".repeat(MAX_CHECKED_NESTING)}`;
    expect(warnings).toEqual([
      {
        path,
        message: `subsegments nested more than ${MAX_CHECKED_NESTING} levels deep; the deeper ones were not checked`,
      },
    ]);
  });

  it("lists a bounded number of warnings and says how many more there were", () => {
    const annotations = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`bad key ${i}`, "v"]),
    );
    const warnings = warningsOf({ annotations });
    expect(warnings).toHaveLength(MAX_LISTED_WARNINGS + 1);
    expect(warnings.at(-1)).toEqual({ path: "", message: "201 more warnings not listed" });
  });

  it("never throws on values of the wrong shape anywhere", () => {
    const shapes = [null, 0, "", [], {}, [null], { exceptions: [null, { stack: [null, 1] }] }];
    for (const value of shapes) {
      for (const key of [
        "http",
        "cause",
        "annotations",
        "metadata",
        "subsegments",
        "in_progress",
      ]) {
        expect(() => warningsOf({ [key]: value })).not.toThrow();
      }
    }
  });

  it("never turns a warning into a rejection", () => {
    const body = JSON.stringify(
      doc({ Dummy: 1, error: "yes", annotations: { "a b": [] }, subsegments: [1] }),
    );
    const result = parseDatagram(
      new TextEncoder().encode(`{"format":"json","version":1}\n${body}`),
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.length).toBe(5);
  });
});
