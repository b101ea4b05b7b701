/**
 * `NextToken` for the list operations other than `GetTraceSummaries` (`BatchGetTraces`,
 * `GetTraceGraph`, `GetServiceGraph`, `GetGroups`, `GetSamplingRules`): where the next page
 * starts in the operation's list, and a hash of the request it belongs to, so a token is
 * refused with another request. Lists are in a stable order (trace ids as asked, services by
 * `ReferenceId`, groups and rules as listed), so a page follows on from the one before
 * while the data does not change between calls.
 */

import { invalidRequest } from "./xray-api-error.ts";

/** Items per page where X-Ray documents none, and `BatchGetTraces`' limits. */
export const PAGE_SIZES = {
  /** Documents per `BatchGetTraces` page; a page holds whole traces, one larger trace alone. */
  batchGetTracesDocuments: 100,
  /** Services per `GetTraceGraph` / `GetServiceGraph` page. */
  graphServices: 100,
  /** Groups per `GetGroups` page (26 at most exist: up to 3 pages). */
  groups: 10,
  /**
   * Rules per `GetSamplingRules` page: more than the 26 rules the sandbox keeps, so SDKs
   * that poll without following `NextToken` (the Node SDK's) still see every rule.
   */
  samplingRules: 100,
} as const;

/** `TraceIds` per `BatchGetTraces` and `GetTraceGraph` call: X-Ray's documented 1 to 5. */
export const MAX_TRACE_IDS_PER_CALL = 5;

interface TokenBody {
  readonly v: 1;
  readonly op: string;
  readonly q: string;
  readonly o: number;
}

export function encodeListToken(operation: string, request: string, offset: number): string {
  const body: TokenBody = { v: 1, op: operation, q: requestHash(request), o: offset };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/**
 * Where the page `token` asks for starts (0 without a token). A token that is not ours, or
 * belongs to another operation or request, is refused with `InvalidRequestException`.
 */
export function listOffset(operation: string, request: string, token: string | undefined): number {
  if (token === undefined) return 0;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    body = undefined;
  }
  const { v, op, q, o } = (
    typeof body === "object" && body !== null ? body : {}
  ) as Partial<TokenBody>;
  if (
    v !== 1 ||
    op !== operation ||
    q !== requestHash(request) ||
    typeof o !== "number" ||
    !Number.isSafeInteger(o) ||
    o < 0
  ) {
    throw invalidRequest(
      `NextToken is not one this ${operation} request gave; repeat the request without it`,
    );
  }
  return o;
}

/** `size` items from the token's offset, and the token of the page after, if any. */
export function listPage<Item>(
  operation: string,
  request: string,
  token: string | undefined,
  items: readonly Item[],
  size: number,
): { items: Item[]; NextToken?: string } {
  const offset = listOffset(operation, request, token);
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { NextToken: encodeListToken(operation, request, end) } : {}),
  };
}

/** FNV-1a, 32 bits: enough to tell a token from another request apart. */
function requestHash(request: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < request.length; i++) {
    hash ^= request.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}
