/**
 * Flags and `cause` (collector `cause.go`), one row per rule of `cause_test.go`: the span's
 * attributes and status in, the flags and exceptions the collector expects out.
 */

import { describe, expect, it } from "vitest";
import type { CauseObject, TopLevelDocument } from "../document.ts";
import { parseDocumentText } from "../parse-document.ts";
import {
  exceptionEvent,
  NO_INDEXING,
  otlpSpan,
  PARENT_ID,
  type SpanOverrides,
  traceRequest,
} from "../test-support/otlp-spans.ts";
import type { OtlpValue } from "./otlp-model.ts";
import { translateTraceRequest } from "./translate-spans.ts";

const JAVA_TRACE = `java.lang.IllegalStateException: state is not legal
\tat io.opentelemetry.sdk.trace.RecordEventsReadableSpanTest.recordException(RecordEventsReadableSpanTest.java:626)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)
Caused by: java.lang.IllegalArgumentException: bad argument`;

const OLD_HTTP = { "http.method": "POST", "http.url": "https://api.example.com/widgets" };
const NEW_HTTP = { "http.request.method": "POST", "url.full": "https://api.example.com/widgets" };

function translate(
  overrides: SpanOverrides,
  resource: Readonly<Record<string, OtlpValue>> = {},
): TopLevelDocument {
  const request = traceRequest([otlpSpan({ parentSpanId: PARENT_ID, ...overrides })], resource);
  const result = translateTraceRequest(request, "otlp-http-json", true, NO_INDEXING);
  const document = result.documents[0]?.document;
  if (document === undefined) throw new Error("no document");
  const parsed = parseDocumentText(JSON.stringify(document));
  expect(parsed.ok && parsed.warnings).toEqual([]);
  return document;
}

function flags(document: TopLevelDocument): string {
  const set = (["error", "throttle", "fault"] as const).filter((flag) => document[flag] === true);
  return set.join(",");
}

interface FlagRow {
  readonly name: string;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  readonly status: "unset" | "ok" | "error";
  readonly flags: string;
  readonly causeMessage: string | undefined;
}

const ERROR_MESSAGE = "this is a test";

const FLAG_ROWS: readonly FlagRow[] = [
  ...[
    ["old", OLD_HTTP, "http.status_code"],
    ["new", NEW_HTTP, "http.response.status_code"],
  ].flatMap(([conventions, http, statusKey]): FlagRow[] => {
    const base = http as Readonly<Record<string, OtlpValue>>;
    const key = statusKey as string;
    return [
      {
        name: `${conventions} http: 500 and status ERROR with a message → fault, cause`,
        attributes: { ...base, [key]: 500 },
        status: "error",
        flags: "fault",
        causeMessage: ERROR_MESSAGE,
      },
      {
        name: `${conventions} http: 500, status UNSET → fault, no cause`,
        attributes: { ...base, [key]: 500, "http.status_text": ERROR_MESSAGE },
        status: "unset",
        flags: "fault",
        causeMessage: undefined,
      },
      {
        name: `${conventions} http: 400, status UNSET → error, no cause`,
        attributes: { ...base, [key]: 400, "http.status_text": ERROR_MESSAGE },
        status: "unset",
        flags: "error",
        causeMessage: undefined,
      },
      {
        name: `${conventions} http: 499, status ERROR → error, cause`,
        attributes: { ...base, [key]: 499, "http.status_text": ERROR_MESSAGE },
        status: "error",
        flags: "error",
        causeMessage: ERROR_MESSAGE,
      },
      {
        name: `${conventions} http: 429, status ERROR → error and throttle, cause`,
        attributes: { ...base, [key]: 429, "http.status_text": ERROR_MESSAGE },
        status: "error",
        flags: "error,throttle",
        causeMessage: ERROR_MESSAGE,
      },
    ];
  }),
  {
    name: "no status code, status UNSET → no flags",
    attributes: { ...OLD_HTTP, "http.status_text": ERROR_MESSAGE },
    status: "unset",
    flags: "",
    causeMessage: undefined,
  },
  {
    name: "no status code, status OK → no flags",
    attributes: { ...OLD_HTTP, "http.status_text": ERROR_MESSAGE },
    status: "ok",
    flags: "",
    causeMessage: undefined,
  },
  {
    name: "no status code, status ERROR → fault, cause from http.status_text",
    attributes: { ...OLD_HTTP, "http.status_text": ERROR_MESSAGE },
    status: "error",
    flags: "fault",
    causeMessage: ERROR_MESSAGE,
  },
  {
    name: "status code outside 400-599, status ERROR → fault",
    attributes: { ...OLD_HTTP, "http.status_code": 302 },
    status: "error",
    flags: "fault",
    causeMessage: undefined,
  },
];

describe("status flags and cause (collector cause.go)", () => {
  it.each(FLAG_ROWS)("$name", (row) => {
    const message = row.causeMessage !== undefined && !("http.status_text" in row.attributes);
    const document = translate({
      attributes: row.attributes,
      status: { code: row.status, message: message ? ERROR_MESSAGE : "" },
    });
    expect(flags(document)).toBe(row.flags);
    const cause = document.cause as CauseObject | undefined;
    expect(cause?.exceptions?.map((exception) => exception.message)).toEqual(
      row.causeMessage === undefined ? undefined : [row.causeMessage],
    );
    if (row.causeMessage !== undefined) {
      expect(document.metadata?.default?.["http.status_text"]).toBeUndefined();
    }
  });

  it("turns exception events into exceptions with Java frames and causes (TestCauseWithExceptions)", () => {
    const document = translate(
      {
        status: { code: "error", message: ERROR_MESSAGE },
        events: [
          exceptionEvent({
            "exception.type": "java.lang.IllegalStateException",
            "exception.message": "bad state",
            "exception.stacktrace": JAVA_TRACE,
          }),
          exceptionEvent({ "exception.type": "EmptyError" }),
        ],
      },
      { "telemetry.sdk.language": "java" },
    );
    expect(flags(document)).toBe("fault");
    const exceptions = (document.cause as CauseObject).exceptions ?? [];
    expect(exceptions).toHaveLength(3);
    const [thrown, cause, empty] = exceptions;
    expect(thrown).toMatchObject({
      type: "java.lang.IllegalStateException",
      message: "bad state",
      remote: false,
      cause: cause?.id,
    });
    expect(thrown?.stack).toHaveLength(3);
    expect(cause).toMatchObject({
      type: "java.lang.IllegalArgumentException",
      message: "bad argument",
    });
    expect(empty).toMatchObject({ type: "EmptyError" });
    expect(empty?.message).toBeUndefined();
    expect(new Set(exceptions.map((exception) => exception.id)).size).toBe(3);
  });

  it.each(["unset", "ok"] as const)(
    "keeps exception events as a cause without flags when the status is %s",
    (code) => {
      const document = translate(
        {
          status: { code, message: ERROR_MESSAGE },
          events: [exceptionEvent({ "exception.type": "X", "exception.stacktrace": JAVA_TRACE })],
        },
        { "telemetry.sdk.language": "java" },
      );
      expect(flags(document)).toBe("");
      expect((document.cause as CauseObject).exceptions).toHaveLength(2);
    },
  );

  it("ignores events that are not exceptions", () => {
    const document = translate({
      status: { code: "unset", message: ERROR_MESSAGE },
      events: [{ timeUnixNano: 1n, name: "NotException", attributes: new Map() }],
    });
    expect(document.cause).toBeUndefined();
  });

  it("marks exceptions remote on CLIENT and PRODUCER spans", () => {
    for (const kind of ["client", "producer"] as const) {
      const document = translate({ kind, events: [exceptionEvent({ "exception.type": "E" })] });
      expect((document.cause as CauseObject).exceptions?.[0]?.remote).toBe(true);
    }
  });

  it("turns an AWS SDK span's HTTP request failure event into a remote exception (TestMakeCauseAwsSdkSpan)", () => {
    const document = translate({
      kind: "client",
      attributes: { "rpc.system": "aws-api" },
      status: { code: "error", message: ERROR_MESSAGE },
      events: [
        {
          timeUnixNano: 1_696_954_761_000_001_000n,
          name: "HTTP request failure",
          attributes: new Map<string, OtlpValue>([
            ["http.response.status_code", "503"],
            ["aws.http.error_message", "service is temporarily unavailable"],
          ]),
        },
      ],
    });
    expect(flags(document)).toBe("fault");
    expect((document.cause as CauseObject).exceptions).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        type: "aws.http.error.event",
        remote: true,
        message: "503@1696954761.000001@service is temporarily unavailable",
      },
    ]);
  });

  it("gives the same exception ids for the same span", () => {
    const span = { events: [exceptionEvent({ "exception.type": "E" })] };
    expect(translate(span).cause).toEqual(translate(span).cause);
  });
});
