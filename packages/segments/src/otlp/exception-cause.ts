/**
 * The `cause` block (collector `cause.go`, `makeCause`):
 *
 * - every `exception` event becomes an exception (`exception.type`, `exception.message`),
 *   its `exception.stacktrace` parsed by the resource's `telemetry.sdk.language` (java, php,
 *   python, javascript, dotnet, go) into frames and causes; `remote` on CLIENT and PRODUCER
 *   spans;
 * - on an AWS SDK span, an `HTTP request failure` event becomes a remote exception of type
 *   `aws.http.error.event`, its message `<status>@<epoch seconds>@<error message>`;
 * - without such events, a span with status ERROR gets one exception with the status
 *   message, or else the `http.status_text` attribute (which then leaves the metadata).
 *
 * Exception ids are derived from the span id, so the same span gives the same ids.
 */

import type { CauseObject, ExceptionRecord, StackFrame } from "../document.ts";
import type { SegmentId } from "../units.ts";
import { type SpanAttributes, stringAttribute } from "./attribute-values.ts";
import { HTTP_STATUS_TEXT } from "./otlp-attributes.ts";
import type { OtlpEvent, OtlpSpan, OtlpValue } from "./otlp-model.ts";
import { compactObject } from "./plain-objects.ts";
import { isAwsSdkSpan } from "./segment-name.ts";
import { derivedSegmentId } from "./span-ids.ts";
import { parseDotnetStackTrace } from "./stack-traces/dotnet-stack-trace.ts";
import { parseGoStackTrace } from "./stack-traces/go-stack-trace.ts";
import { parseJavaStackTrace } from "./stack-traces/java-stack-trace.ts";
import { parseJavaScriptStackTrace } from "./stack-traces/javascript-stack-trace.ts";
import type {
  ParsedException,
  ParsedFrame,
  StackTraceParser,
} from "./stack-traces/parsed-exception.ts";
import { parsePythonStackTrace } from "./stack-traces/python-stack-trace.ts";

const EXCEPTION_EVENT = "exception";
const AWS_HTTP_FAILURE_EVENT = "HTTP request failure";
const AWS_HTTP_ERROR_TYPE = "aws.http.error.event";
const AWS_HTTP_ERROR_MESSAGE = "aws.http.error_message";
const HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";

const PARSERS: ReadonlyMap<string, StackTraceParser> = new Map([
  ["java", parseJavaStackTrace],
  ["php", parseJavaStackTrace],
  ["python", parsePythonStackTrace],
  ["javascript", parseJavaScriptStackTrace],
  ["dotnet", parseDotnetStackTrace],
  ["go", parseGoStackTrace],
]);

export function exceptionCause(
  span: OtlpSpan,
  attributes: SpanAttributes,
  sdkLanguage: string | undefined,
): CauseObject | undefined {
  const sdkSpan = isAwsSdkSpan(span.attributes);
  const recorded = span.events.some(
    (event) => event.name === EXCEPTION_EVENT || (sdkSpan && event.name === AWS_HTTP_FAILURE_EVENT),
  );
  if (recorded) {
    return {
      exceptions: eventExceptions(span, sdkSpan, sdkLanguage),
    };
  }
  if (span.status.code !== "error") return undefined;
  const statusText = attributes.all.get(HTTP_STATUS_TEXT);
  attributes.taken.push(HTTP_STATUS_TEXT);
  const message =
    span.status.message !== ""
      ? span.status.message
      : typeof statusText === "string"
        ? statusText
        : "";
  if (message === "") return undefined;
  return { exceptions: [{ id: derivedSegmentId(span.spanId, "status"), message }] };
}

function eventExceptions(
  span: OtlpSpan,
  sdkSpan: boolean,
  language: string | undefined,
): ExceptionRecord[] {
  const remote = span.kind === "client" || span.kind === "producer";
  const exceptions: ExceptionRecord[] = [];
  span.events.forEach((event, eventIndex) => {
    const idSeed = `${span.spanId}/event/${eventIndex}`;
    if (event.name === EXCEPTION_EVENT) {
      exceptions.push(...recordedException(event, remote, language, idSeed));
    } else if (sdkSpan && event.name === AWS_HTTP_FAILURE_EVENT) {
      const failure = awsHttpFailure(event, idSeed);
      if (failure !== undefined) exceptions.push(failure);
    }
  });
  return exceptions;
}

function recordedException(
  event: OtlpEvent,
  remote: boolean,
  language: string | undefined,
  idSeed: string,
): ExceptionRecord[] {
  const text = (key: string): string => stringAttribute(event.attributes, key) ?? "";
  const chain: ParsedException[] = [
    { type: text("exception.type"), message: text("exception.message"), stack: [] },
  ];
  const stacktrace = text("exception.stacktrace");
  const parser = language === undefined ? undefined : PARSERS.get(language);
  if (stacktrace !== "" && parser !== undefined) parser(stacktrace, chain);
  const id = (index: number): SegmentId => derivedSegmentId(idSeed, `exception/${index}`);
  return chain.map((parsed, index) =>
    exceptionRecord(
      parsed,
      id(index),
      index + 1 < chain.length ? id(index + 1) : undefined,
      remote,
    ),
  );
}

function exceptionRecord(
  parsed: ParsedException,
  id: SegmentId,
  cause: SegmentId | undefined,
  remote: boolean,
): ExceptionRecord {
  return compactObject<ExceptionRecord>({
    id,
    message: parsed.message === "" ? undefined : parsed.message,
    type: parsed.type === "" ? undefined : parsed.type,
    remote,
    cause,
    stack: parsed.stack.length > 0 ? parsed.stack.map(stackFrame) : undefined,
  });
}

function stackFrame(frame: ParsedFrame): StackFrame {
  return compactObject<StackFrame>({
    path: frame.path === "" ? undefined : frame.path,
    line: frame.line,
    label: frame.label === "" ? undefined : frame.label,
  });
}

function awsHttpFailure(event: OtlpEvent, idSeed: string): ExceptionRecord | undefined {
  const code = event.attributes.get(HTTP_RESPONSE_STATUS_CODE);
  const message = event.attributes.get(AWS_HTTP_ERROR_MESSAGE);
  if (code === undefined || message === undefined) return undefined;
  return {
    id: derivedSegmentId(idSeed, "aws-http-failure"),
    type: AWS_HTTP_ERROR_TYPE,
    remote: true,
    message: `${valueText(code)}@${microsecondSeconds(event.timeUnixNano)}@${typeof message === "string" ? message : ""}`,
  };
}

/** Go's `Value.AsString` for the scalar values a status code can be sent as. */
function valueText(value: OtlpValue): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : "";
}

/** Nanoseconds as seconds with six decimals, from whole microseconds. */
function microsecondSeconds(nanos: bigint): string {
  const micros = nanos / 1000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0");
  return `${micros / 1_000_000n}.${fraction}`;
}
