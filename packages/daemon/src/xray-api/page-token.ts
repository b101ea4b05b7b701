/**
 * `NextToken` for `GetTraceSummaries`: where the last page ended (its last trace's sort
 * time and id) and a hash of the query it belongs to. Positions, not offsets: traces that
 * arrive between two calls do not shift the pages.
 */

export interface PagePosition {
  readonly time: number;
  readonly id: string;
}

interface TokenBody {
  readonly v: 1;
  readonly q: string;
  readonly t: number;
  readonly i: string;
}

export function encodePageToken(query: string, position: PagePosition): string {
  const body: TokenBody = { v: 1, q: queryHash(query), t: position.time, i: position.id };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/** Undefined when the token is not one of ours, or belongs to another query. */
export function decodePageToken(query: string, token: string): PagePosition | undefined {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const { v, q, t, i } = body as Partial<TokenBody>;
  if (v !== 1 || q !== queryHash(query) || typeof t !== "number" || typeof i !== "string") {
    return undefined;
  }
  return { time: t, id: i };
}

/** FNV-1a, 32 bits: enough to tell a token from another query apart. */
function queryHash(query: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < query.length; i++) {
    hash ^= query.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}
