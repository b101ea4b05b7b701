/**
 * Reading `cause` from untrusted documents: an object with exceptions, or the id of an
 * exception recorded on another node of the trace.
 */

import type {
  ExceptionRecord,
  SegmentDocument,
  StackFrame,
  SubsegmentDocument,
  TraceNode,
} from "@xray-sandbox/segments";

type NodeDocument = SegmentDocument | SubsegmentDocument;

export type CauseView =
  | { readonly kind: "none" }
  | {
      readonly kind: "exceptions";
      readonly workingDirectory: string | undefined;
      readonly paths: readonly string[];
      readonly exceptions: readonly ExceptionView[];
    }
  | { readonly kind: "reference"; readonly id: string };

export interface ExceptionView {
  readonly id: string | undefined;
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly remote: boolean;
  readonly truncated: number | undefined;
  readonly skipped: number | undefined;
  /** The id of the exception that caused this one, maybe on another node. */
  readonly cause: string | undefined;
  readonly stack: readonly FrameView[];
}

export interface FrameView {
  readonly label: string | undefined;
  readonly path: string | undefined;
  readonly line: number | undefined;
}

/** Where an exception is recorded. */
export interface ExceptionLocation {
  readonly nodeId: string;
  readonly node: TraceNode;
  readonly exception: ExceptionView;
}

export function causeOf(document: NodeDocument): CauseView {
  const cause: unknown = document.cause;
  if (typeof cause === "string" && cause !== "") return { kind: "reference", id: cause };
  if (typeof cause !== "object" || cause === null || Array.isArray(cause)) return { kind: "none" };
  const record = cause as Record<string, unknown>;
  const exceptions = Array.isArray(record.exceptions)
    ? record.exceptions.flatMap((entry) => exceptionOf(entry) ?? [])
    : [];
  const paths = Array.isArray(record.paths)
    ? record.paths.filter((path): path is string => typeof path === "string")
    : [];
  return {
    kind: "exceptions",
    workingDirectory: text(record.working_directory),
    paths,
    exceptions,
  };
}

/** Every exception of the trace by id, to follow `cause` ids across nodes. */
export function indexExceptions(
  nodes: ReadonlyMap<string, TraceNode>,
): Map<string, ExceptionLocation> {
  const index = new Map<string, ExceptionLocation>();
  for (const [nodeId, node] of nodes) {
    const cause = causeOf(node.document);
    if (cause.kind !== "exceptions") continue;
    for (const exception of cause.exceptions) {
      if (exception.id !== undefined && !index.has(exception.id)) {
        index.set(exception.id, { nodeId, node, exception });
      }
    }
  }
  return index;
}

function exceptionOf(value: unknown): ExceptionView | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Partial<Record<keyof ExceptionRecord, unknown>>;
  return {
    id: text(record.id),
    message: text(record.message),
    type: text(record.type),
    remote: record.remote === true,
    truncated: count(record.truncated),
    skipped: count(record.skipped),
    cause: text(record.cause),
    stack: Array.isArray(record.stack) ? record.stack.flatMap((frame) => frameOf(frame) ?? []) : [],
  };
}

function frameOf(value: unknown): FrameView | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const frame = value as Partial<Record<keyof StackFrame, unknown>>;
  return { label: text(frame.label), path: text(frame.path), line: count(frame.line) };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
