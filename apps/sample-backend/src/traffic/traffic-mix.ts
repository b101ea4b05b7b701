import { pick, pickWeighted, type Random } from "./seeded-random.ts";

export interface PlannedRequest {
  readonly method: "GET" | "POST";
  /** Path and query, e.g. `/api/activities/search?q=tracing`. */
  readonly path: string;
  readonly body?: unknown;
}

const HANDLES = ["andrewbrown", "andrewbrown", "andrewbrown", "bayko", "londo", "garak"];
const SEARCH_TERMS = ["tracing", "X-Ray", "service", "query", "sampling", "runbook", "fault"];
const MESSAGES = ["Ship it?", "Saw your trace.", "Lunch?", "The map is green again."];

type Planner = (random: Random) => PlannedRequest;

const get = (path: string): PlannedRequest => ({ method: "GET", path });

/**
 * What a day of users does, weighted: mostly reading feeds, some searching and messaging,
 * and now and then the requests that end in a 4xx, a 429 or a 5xx.
 */
const MIX: readonly (readonly [number, Planner])[] = [
  [20, () => get("/api/activities/home")],
  [16, (r) => get(`/api/activities/@${pick(r, HANDLES)}`)],
  [2, () => get("/api/activities/@nobody")],
  [10, (r) => get(`/api/activities/search?q=${encodeURIComponent(pick(r, SEARCH_TERMS))}`)],
  [1, () => get("/api/activities/search")],
  [7, (r) => get(`/api/messages/@${pick(r, HANDLES)}`)],
  [
    8,
    (r) => ({
      method: "POST",
      path: "/api/messages",
      body: { from: pick(r, HANDLES), to: pick(r, HANDLES), body: pick(r, MESSAGES) },
    }),
  ],
  [8, (r) => get(`/api/notifications/@${pick(r, HANDLES)}`)],
  [1, () => get("/api/notifications/@andrewbrown?simulate=unavailable")],
  [1, () => get("/api/notifications/@bayko?simulate=unreachable")],
  [6, (r) => get(`/api/users/@${pick(r, HANDLES)}/suggestions`)],
  [4, (r) => get(`/api/users/@${pick(r, HANDLES)}/settings`)],
  [1, () => get("/api/users/@legacyuser/settings")],
  [3, () => get("/api/activities/trending")],
  [1, () => get("/api/activities/digest")],
  [5, () => get("/health")],
];

/** An endless, repeatable sequence of requests: the same seed gives the same sequence. */
export function* plannedRequests(random: Random): Generator<PlannedRequest, never> {
  for (;;) yield pickWeighted(random, MIX)(random);
}
