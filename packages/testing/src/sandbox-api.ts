/** The daemon's HTTP API as the helpers use it: one code path for in-process and remote sandboxes. */

import type {
  HealthBody,
  RejectedBody,
  SamplingDiagnosisBody,
  SamplingView,
  SandboxStats,
  TraceDistributionBody,
  TraceProblemsBody,
  TraceQueryBody,
  TraceSummary,
} from "@xray-sandbox/segments";
import { InvalidFilterError, SandboxApiError, SandboxUnreachableError } from "./errors.ts";
import type { SegmentRecord, TraceRecord } from "./records.ts";
import {
  type LatencyOptions,
  latencyQuery,
  type QueryTracesOptions,
  queryTracesQuery,
} from "./trace-queries.ts";

export type FetchFunction = typeof fetch;

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | undefined;
}

type Query = Record<string, string | undefined>;

const TRACE_PAGE = "1000";
const SEGMENT_PAGE = "2000";

export class SandboxApi {
  readonly url: string;
  readonly #fetch: FetchFunction;
  /** Sent with every request (and the live stream): the token of a shared sandbox. */
  readonly authHeaders: Readonly<Record<string, string>>;

  constructor(url: string, fetchFunction: FetchFunction = fetch, token?: string) {
    this.url = url.replace(/\/+$/, "");
    this.#fetch = fetchFunction;
    this.authHeaders = token === undefined ? {} : { authorization: `Bearer ${token}` };
  }

  async health(): Promise<HealthBody> {
    const body = await this.#json("GET", "/api/health");
    if (
      !isRecord(body) ||
      body.status !== "ok" ||
      typeof body.version !== "string" ||
      typeof body.uptimeSeconds !== "number"
    ) {
      throw new SandboxApiError(
        `${this.url} answered GET /api/health, but not as an xray-sandbox daemon does (got ${preview(body)})`,
        200,
        undefined,
      );
    }
    return { status: body.status, version: body.version, uptimeSeconds: body.uptimeSeconds };
  }

  /** Every matching trace, newest first, assembled. */
  traces(filter: string | undefined): Promise<TraceRecord[]> {
    return this.#all((cursor) =>
      this.#page<TraceRecord>(
        "/api/traces",
        "traces",
        { filter, expand: "true", limit: TRACE_PAGE, cursor },
        filter,
      ),
    );
  }

  /** Summaries of every matching trace, newest first. */
  summaries(filter: string | undefined): Promise<TraceSummary[]> {
    return this.#all((cursor) =>
      this.#page<TraceSummary>(
        "/api/traces",
        "traces",
        { filter, limit: TRACE_PAGE, cursor },
        filter,
      ),
    );
  }

  async trace(id: string): Promise<TraceRecord | undefined> {
    const { status, body } = await this.#request("GET", `/api/traces/${encodeURIComponent(id)}`);
    if (status === 404 && errorCodeOf(body) === "TRACE_NOT_FOUND") return undefined;
    this.#check(status, body, `GET /api/traces/${id}`, undefined);
    if (!isRecord(body) || !Array.isArray(body.segments) || !Array.isArray(body.orphans)) {
      throw this.#unexpected(`GET /api/traces/${id}`, status, body);
    }
    return body as unknown as TraceRecord;
  }

  segments(filter: string | undefined): Promise<SegmentRecord[]> {
    return this.#all((cursor) =>
      this.#page<SegmentRecord>(
        "/api/segments",
        "segments",
        { filter, limit: SEGMENT_PAGE, cursor },
        filter,
      ),
    );
  }

  /** `GET /api/traces/query`: one sorted page of every kept trace in the selection. */
  async queryTraces(options: QueryTracesOptions): Promise<TraceQueryBody> {
    const path = "/api/traces/query";
    const { status, body } = await this.#request("GET", path, queryTracesQuery(options));
    this.#check(status, body, `GET ${path}`, options.filter);
    if (!isRecord(body) || !Array.isArray(body.traces) || typeof body.total !== "number") {
      throw this.#unexpected(`GET ${path}`, status, body);
    }
    return body as unknown as TraceQueryBody;
  }

  /** `GET /api/traces/distribution`: response-time bins, percentiles and scatter points. */
  async latency(options: LatencyOptions): Promise<TraceDistributionBody> {
    const path = "/api/traces/distribution";
    const { status, body } = await this.#request("GET", path, latencyQuery(options));
    this.#check(status, body, `GET ${path}`, options.filter);
    if (!isRecord(body) || !Array.isArray(body.bins) || typeof body.timed !== "number") {
      throw this.#unexpected(`GET ${path}`, status, body);
    }
    return body as unknown as TraceDistributionBody;
  }

  /** Empties the store; resolves with how many traces it held. */
  async clear(): Promise<number> {
    const body = await this.#json("DELETE", "/api/traces");
    if (!isRecord(body) || typeof body.removed !== "number") {
      throw this.#unexpected("DELETE /api/traces", 200, body);
    }
    return body.removed;
  }

  async stats(): Promise<SandboxStats> {
    const body = await this.#json("GET", "/api/stats");
    if (!isRecord(body) || !isRecord(body.datagrams)) {
      throw this.#unexpected("GET /api/stats", 200, body);
    }
    return body as unknown as SandboxStats;
  }

  /** `GET /api/sampling`: when SDKs last fetched rules and targets, and what they reported. */
  async sampling(): Promise<SamplingView> {
    const body = await this.#json("GET", "/api/sampling");
    if (!isRecord(body) || !Array.isArray(body.rules)) {
      throw this.#unexpected("GET /api/sampling", 200, body);
    }
    return body as unknown as SamplingView;
  }

  /**
   * `GET /api/traces/:id/problems`: what the trace doctor finds; undefined when the sandbox has
   * no such trace.
   */
  async problems(
    id: string,
    neverCompletedAfterSeconds?: number,
  ): Promise<TraceProblemsBody | undefined> {
    const query =
      neverCompletedAfterSeconds === undefined
        ? ""
        : `?neverCompletedAfter=${encodeURIComponent(String(neverCompletedAfterSeconds))}`;
    const path = `/api/traces/${encodeURIComponent(id)}/problems${query}`;
    const { status, body } = await this.#request("GET", path);
    if (status === 404 && errorCodeOf(body) === "TRACE_NOT_FOUND") return undefined;
    this.#check(status, body, `GET ${path}`, undefined);
    if (!isRecord(body) || !Array.isArray(body.problems)) {
      throw this.#unexpected(`GET ${path}`, status, body);
    }
    return body as unknown as TraceProblemsBody;
  }

  /** `GET /api/sampling/diagnosis`: why requests may not have become traces. */
  async samplingDiagnosis(): Promise<SamplingDiagnosisBody> {
    const body = await this.#json("GET", "/api/sampling/diagnosis");
    if (!isRecord(body) || !Array.isArray(body.summary)) {
      throw this.#unexpected("GET /api/sampling/diagnosis", 200, body);
    }
    return body as unknown as SamplingDiagnosisBody;
  }

  async rejected(): Promise<RejectedBody> {
    const body = await this.#json("GET", "/api/rejected");
    if (!isRecord(body) || !Array.isArray(body.rejections)) {
      throw this.#unexpected("GET /api/rejected", 200, body);
    }
    return body as unknown as RejectedBody;
  }

  async #all<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await fetchPage(cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return items;
  }

  async #page<T>(
    path: string,
    key: string,
    query: Query,
    filter: string | undefined,
  ): Promise<Page<T>> {
    const { status, body } = await this.#request("GET", path, query);
    this.#check(status, body, `GET ${path}`, filter);
    const items = isRecord(body) ? body[key] : undefined;
    if (!isRecord(body) || !Array.isArray(items))
      throw this.#unexpected(`GET ${path}`, status, body);
    const nextCursor = typeof body.nextCursor === "string" ? body.nextCursor : undefined;
    return { items: items as T[], nextCursor };
  }

  async #json(method: string, path: string): Promise<unknown> {
    const { status, body } = await this.#request(method, path);
    this.#check(status, body, `${method} ${path}`, undefined);
    return body;
  }

  async #request(
    method: string,
    path: string,
    query: Query = {},
  ): Promise<{ status: number; body: unknown }> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) search.set(key, value);
    }
    const target = `${this.url}${path}${search.size > 0 ? `?${search}` : ""}`;
    let response: Response;
    try {
      response = await this.#fetch(target, {
        method,
        headers: { accept: "application/json", ...this.authHeaders },
      });
    } catch (error) {
      throw new SandboxUnreachableError(
        `cannot reach the xray-sandbox at ${this.url} (${method} ${path}): ${causeText(error)}`,
        { cause: error },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SandboxApiError(
        `${this.url} answered ${method} ${path} with ${response.status} and no JSON (${preview(text)}); is it an xray-sandbox daemon?`,
        response.status,
        undefined,
      );
    }
    return { status: response.status, body };
  }

  #check(status: number, body: unknown, what: string, filter: string | undefined): void {
    if (status >= 200 && status < 300) return;
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (status === 400 && error?.code === "INVALID_FILTER" && filter !== undefined) {
      throw new InvalidFilterError(filter, String(error.message), {
        offset: numberOr(error.offset, 0),
        length: numberOr(error.length, 0),
        line: numberOr(error.line, 1),
        column: numberOr(error.column, 1),
        expected: Array.isArray(error.expected) ? error.expected.map(String) : [],
      });
    }
    const code = typeof error?.code === "string" ? error.code : undefined;
    const message = typeof error?.message === "string" ? error.message : preview(body);
    const hint =
      status === 401
        ? this.authHeaders.authorization === undefined
          ? " (this sandbox is shared: pass its token, e.g. connectSandbox(url, { token }))"
          : " (the token passed as { token } is not this sandbox's)"
        : "";
    throw new SandboxApiError(`${what} failed with ${status}: ${message}${hint}`, status, code);
  }

  #unexpected(what: string, status: number, body: unknown): SandboxApiError {
    return new SandboxApiError(
      `${this.url} answered ${what} with a body an xray-sandbox daemon does not send: ${preview(body)}`,
      status,
      undefined,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorCodeOf(body: unknown): unknown {
  return isRecord(body) && isRecord(body.error) ? body.error.code : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
