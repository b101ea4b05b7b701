/**
 * Lenient validation: deviations from the published segment document schema, reported as
 * warnings and never as rejections. Real SDKs produce several of them (`"line": null`,
 * `"user_agent": ""`, `"in_progress": false`), and a document the sandbox can place in a
 * trace is always kept.
 */

import { describeValue } from "./describe-value.ts";
import type { TopLevelDocument } from "./document.ts";
import { childPath, fieldPath, indexPath } from "./json-path.ts";
import type { ValidationWarning } from "./parse-result.ts";
import { isSegmentId, isTraceId } from "./units.ts";

/** Embedded subsegments deeper than this are not checked (one warning says so). */
export const MAX_CHECKED_NESTING = 100;
/** At most this many warnings are listed; one more says how many were left out. */
export const MAX_LISTED_WARNINGS = 100;
const MAX_ANNOTATIONS = 50;
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "id",
  "name",
  "trace_id",
  "parent_id",
  "type",
  "start_time",
  "end_time",
  "in_progress",
  "service",
  "user",
  "origin",
  "resource_arn",
  "namespace",
  "traced",
  "precursor_ids",
  "http",
  "aws",
  "sql",
  "error",
  "throttle",
  "fault",
  "cause",
  "annotations",
  "metadata",
  "subsegments",
  "links",
]);

const FLAGS = ["error", "throttle", "fault"] as const;

type Json = Record<string, unknown>;

class Warnings {
  readonly list: ValidationWarning[] = [];
  private leftOut = 0;

  add(path: string, message: string): void {
    if (this.list.length < MAX_LISTED_WARNINGS) this.list.push({ path, message });
    else this.leftOut++;
  }

  finish(): ValidationWarning[] {
    if (this.leftOut > 0) {
      this.list.push({ path: "", message: `${this.leftOut} more warnings not listed` });
    }
    return this.list;
  }
}

/**
 * Everything in `doc` that departs from the segment document schema, with the JSON path
 * of each offending value. The fields `parseDocumentText` requires are not repeated here
 * for the top-level document; embedded subsegments get the same checks as warnings.
 */
export function validateDocument(doc: TopLevelDocument): ValidationWarning[] {
  const warnings = new Warnings();
  checkDocument(doc, "", 0, warnings);
  return warnings.finish();
}

function checkDocument(doc: Json, path: string, depth: number, warnings: Warnings): void {
  for (const key in doc) {
    if (!KNOWN_KEYS.has(key)) {
      warnings.add(
        childPath(path, key),
        `unknown key ${describeValue(key)}: kept, but not part of the segment schema`,
      );
    }
  }
  if (depth > 0) checkSubsegmentIdentity(doc, path, warnings);
  if (doc.type !== undefined && doc.type !== "subsegment") {
    warnings.add(
      fieldPath(path, "type"),
      `"type" is ${describeValue(doc.type)}, expected "subsegment" or no "type"`,
    );
  }
  checkTimes(doc, path, warnings);
  for (const flag of FLAGS) {
    const value = doc[flag];
    if (value !== undefined && typeof value !== "boolean") {
      warnings.add(
        fieldPath(path, flag),
        `"${flag}" is ${describeValue(value)}, expected a boolean`,
      );
    }
  }
  if (doc.http !== undefined) checkHttp(doc.http, fieldPath(path, "http"), warnings);
  if (doc.cause !== undefined) checkCause(doc.cause, fieldPath(path, "cause"), warnings);
  if (doc.annotations !== undefined) {
    checkAnnotations(doc.annotations, fieldPath(path, "annotations"), warnings);
  }
  if (doc.metadata !== undefined) {
    checkMetadata(doc.metadata, fieldPath(path, "metadata"), warnings);
  }
  if (doc.subsegments !== undefined) {
    checkSubsegments(doc.subsegments, fieldPath(path, "subsegments"), depth, warnings);
  }
}

function checkSubsegmentIdentity(doc: Json, path: string, warnings: Warnings): void {
  if (!isSegmentId(doc.id)) {
    warnings.add(fieldPath(path, "id"), found("subsegment id", doc.id, "16 hex digits"));
  }
  if (typeof doc.name !== "string" || doc.name === "") {
    warnings.add(fieldPath(path, "name"), found("subsegment name", doc.name, "a non-empty string"));
  }
  if (!isFiniteNumber(doc.start_time)) {
    warnings.add(
      fieldPath(path, "start_time"),
      found("subsegment start_time", doc.start_time, "epoch seconds as a number"),
    );
  }
  if (doc.in_progress !== true && !isFiniteNumber(doc.end_time)) {
    warnings.add(
      fieldPath(path, "end_time"),
      found("subsegment end_time", doc.end_time, `a number, or "in_progress": true`),
    );
  }
  if (doc.parent_id !== undefined && !isSegmentId(doc.parent_id)) {
    warnings.add(
      fieldPath(path, "parent_id"),
      found("subsegment parent_id", doc.parent_id, "16 hex digits"),
    );
  }
  if (doc.trace_id !== undefined && !isTraceId(doc.trace_id)) {
    warnings.add(
      fieldPath(path, "trace_id"),
      found("subsegment trace_id", doc.trace_id, "1-<8 hex digits>-<24 hex digits>"),
    );
  }
}

function checkTimes(doc: Json, path: string, warnings: Warnings): void {
  if (doc.in_progress === false) {
    warnings.add(
      fieldPath(path, "in_progress"),
      `"in_progress": false is redundant; the schema expects the key only while the work is open`,
    );
  } else if (doc.in_progress !== undefined && doc.in_progress !== true) {
    warnings.add(
      fieldPath(path, "in_progress"),
      `"in_progress" is ${describeValue(doc.in_progress)}, expected true or no "in_progress"`,
    );
  }
  if (
    isFiniteNumber(doc.start_time) &&
    isFiniteNumber(doc.end_time) &&
    doc.end_time < doc.start_time
  ) {
    warnings.add(
      fieldPath(path, "end_time"),
      `"end_time" ${doc.end_time} is before "start_time" ${doc.start_time}`,
    );
  }
}

function checkHttp(http: unknown, path: string, warnings: Warnings): void {
  if (!isObject(http)) {
    warnings.add(path, found('"http"', http, "an object"));
    return;
  }
  const request = http.request;
  if (isObject(request) && request.user_agent === "") {
    warnings.add(
      fieldPath(fieldPath(path, "request"), "user_agent"),
      `"user_agent" is an empty string; the schema expects the client's User-Agent or no key`,
    );
  }
  const response = http.response;
  if (isObject(response) && response.status !== undefined && !Number.isInteger(response.status)) {
    warnings.add(
      fieldPath(fieldPath(path, "response"), "status"),
      found("HTTP status", response.status, "an integer"),
    );
  }
}

function checkCause(cause: unknown, path: string, warnings: Warnings): void {
  if (typeof cause === "string") {
    if (!isSegmentId(cause)) {
      warnings.add(path, found('"cause"', cause, "the 16-hex id of an exception"));
    }
    return;
  }
  if (!isObject(cause)) {
    warnings.add(
      path,
      found('"cause"', cause, `an object with "exceptions", or the 16-hex id of an exception`),
    );
    return;
  }
  const exceptions = cause.exceptions;
  if (exceptions === undefined) return;
  const exceptionsPath = fieldPath(path, "exceptions");
  if (!Array.isArray(exceptions)) {
    warnings.add(exceptionsPath, found('"exceptions"', exceptions, "an array"));
    return;
  }
  exceptions.forEach((exception: unknown, index) => {
    checkException(exception, indexPath(exceptionsPath, index), warnings);
  });
}

function checkException(exception: unknown, path: string, warnings: Warnings): void {
  if (!isObject(exception)) {
    warnings.add(path, found("exception", exception, "an object"));
    return;
  }
  if (!isSegmentId(exception.id)) {
    warnings.add(fieldPath(path, "id"), found("exception id", exception.id, "16 hex digits"));
  }
  if (exception.cause !== undefined && !isSegmentId(exception.cause)) {
    warnings.add(
      fieldPath(path, "cause"),
      found("exception cause", exception.cause, "the 16-hex id of another exception"),
    );
  }
  const stack = exception.stack;
  if (stack === undefined) return;
  const stackPath = fieldPath(path, "stack");
  if (!Array.isArray(stack)) {
    warnings.add(stackPath, found('"stack"', stack, "an array of frames"));
    return;
  }
  stack.forEach((frame: unknown, index) => {
    if (!isObject(frame)) {
      warnings.add(indexPath(stackPath, index), found("stack frame", frame, "an object"));
    } else if (frame.line === null) {
      warnings.add(
        fieldPath(indexPath(stackPath, index), "line"),
        `"line" is null (the Node SDK sends it for frames without a line); the schema expects an integer`,
      );
    } else if (frame.line !== undefined && !Number.isInteger(frame.line)) {
      warnings.add(
        fieldPath(indexPath(stackPath, index), "line"),
        found('"line"', frame.line, "an integer"),
      );
    }
  });
}

function checkAnnotations(annotations: unknown, path: string, warnings: Warnings): void {
  if (!isObject(annotations)) {
    warnings.add(path, found('"annotations"', annotations, "an object of keys to values"));
    return;
  }
  let count = 0;
  for (const key in annotations) {
    count++;
    if (!ANNOTATION_KEY.test(key)) {
      warnings.add(
        childPath(path, key),
        `annotation key ${describeValue(key)} has characters outside A-Z, a-z, 0-9 and _`,
      );
    }
    const value = annotations[key];
    const fits = typeof value === "string" || typeof value === "boolean" || isFiniteNumber(value);
    if (!fits) {
      warnings.add(
        childPath(path, key),
        found("annotation value", value, "a string, a finite number or a boolean"),
      );
    }
  }
  if (count > MAX_ANNOTATIONS) {
    warnings.add(path, `${count} annotations; X-Ray keeps at most ${MAX_ANNOTATIONS} per trace`);
  }
}

function checkMetadata(metadata: unknown, path: string, warnings: Warnings): void {
  if (!isObject(metadata)) {
    warnings.add(path, found('"metadata"', metadata, "an object of namespaces"));
    return;
  }
  for (const namespace in metadata) {
    const value = metadata[namespace];
    if (!isObject(value)) {
      warnings.add(
        childPath(path, namespace),
        found(`metadata namespace ${describeValue(namespace)}`, value, "an object"),
      );
    }
  }
}

function checkSubsegments(
  subsegments: unknown,
  path: string,
  depth: number,
  warnings: Warnings,
): void {
  if (!Array.isArray(subsegments)) {
    warnings.add(path, found('"subsegments"', subsegments, "an array"));
    return;
  }
  if (subsegments.length > 0 && depth + 1 > MAX_CHECKED_NESTING) {
    warnings.add(
      path,
      `subsegments nested more than ${MAX_CHECKED_NESTING} levels deep; the deeper ones were not checked`,
    );
    return;
  }
  subsegments.forEach((subsegment: unknown, index) => {
    const subsegmentPath = indexPath(path, index);
    if (isObject(subsegment)) checkDocument(subsegment, subsegmentPath, depth + 1, warnings);
    else warnings.add(subsegmentPath, found("subsegment", subsegment, "an object"));
  });
}

function found(what: string, value: unknown, expected: string): string {
  if (value === undefined) return `${what} is missing, expected ${expected}`;
  return `${what} is ${describeValue(value)}, expected ${expected}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
