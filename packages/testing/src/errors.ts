/** Errors the testing helpers throw. `code` is stable: match on it, not on the message. */

export type SandboxErrorCode =
  | "SANDBOX_UNREACHABLE"
  | "SANDBOX_API_ERROR"
  | "INVALID_FILTER"
  | "WAIT_TIMEOUT"
  | "TRACE_ASSERTION";

export abstract class SandboxError extends Error {
  abstract readonly code: SandboxErrorCode;
}

/** Nothing answered at the sandbox's URL (not started, already closed, wrong port). */
export class SandboxUnreachableError extends SandboxError {
  readonly code = "SANDBOX_UNREACHABLE";
  override readonly name = "SandboxUnreachableError";
}

/** Something answered, but not the way a sandbox daemon does. */
export class SandboxApiError extends SandboxError {
  readonly code = "SANDBOX_API_ERROR";
  override readonly name = "SandboxApiError";
  readonly status: number;
  /** The daemon's own error code (e.g. `INVALID_LIMIT`), when it sent one. */
  readonly apiCode: string | undefined;

  constructor(message: string, status: number, apiCode: string | undefined) {
    super(message);
    this.status = status;
    this.apiCode = apiCode;
  }
}

/** The filter expression does not parse; thrown at once, never after waiting. */
export class InvalidFilterError extends SandboxError {
  readonly code = "INVALID_FILTER";
  override readonly name = "InvalidFilterError";
  readonly filter: string;
  /** UTF-16 offset into `filter`, and length of the offending text. */
  readonly offset: number;
  readonly length: number;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** What the parser would have accepted at `offset`. */
  readonly expected: readonly string[];

  constructor(
    filter: string,
    problem: string,
    at: { offset: number; length: number; line: number; column: number; expected: string[] },
  ) {
    super(`invalid filter ${JSON.stringify(filter)}: ${problem}\n${pointAt(filter, at)}`);
    this.filter = filter;
    this.offset = at.offset;
    this.length = at.length;
    this.line = at.line;
    this.column = at.column;
    this.expected = at.expected;
  }
}

/** A wait ran out of time; the message says what was awaited and what arrived instead. */
export class WaitTimeoutError extends SandboxError {
  readonly code = "WAIT_TIMEOUT";
  override readonly name = "WaitTimeoutError";
  readonly timeout: number;

  constructor(message: string, timeout: number) {
    super(message);
    this.timeout = timeout;
  }
}

/** A trace does not hold what an assertion helper expected; the message shows what it holds. */
export class TraceAssertionError extends SandboxError {
  readonly code = "TRACE_ASSERTION";
  override readonly name = "TraceAssertionError";
}

/** The source line the error is on, with a caret under the offending text. */
function pointAt(
  filter: string,
  { line, column, length }: { line: number; column: number; length: number },
): string {
  const text = filter.split(/\r\n|\r|\n/)[line - 1] ?? "";
  return `  ${text}\n  ${" ".repeat(Math.max(0, column - 1))}${"^".repeat(Math.max(1, length))}`;
}
