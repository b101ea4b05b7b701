import { afterEach, expect, it, vi } from "vitest";
import {
  arrivedEarlyRead,
  earlyTracePaths,
  KEPT_FOR_MS,
  startEarlyReads,
  startTraceRead,
  takeEarlyRead,
  tracePath,
} from "./early-reads.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ID = "1-6b080246-000000000000000000000001";
const OTHER = "1-6b080246-000000000000000000000002";

it("reads the trace of a trace page and both of a comparison, nothing for other views", () => {
  expect(earlyTracePaths({ pathname: `/traces/${ID}`, search: "?node=abc" })).toEqual([
    `/api/traces/${ID}`,
  ]);
  expect(earlyTracePaths({ pathname: "/compare", search: `?a=${ID}&b=${OTHER}` })).toEqual([
    `/api/traces/${ID}`,
    `/api/traces/${OTHER}`,
  ]);
  expect(earlyTracePaths({ pathname: "/compare", search: `?a=${ID}` })).toEqual([
    `/api/traces/${ID}`,
  ]);
  expect(earlyTracePaths({ pathname: "/", search: "" })).toEqual([]);
  expect(earlyTracePaths({ pathname: "/map", search: "" })).toEqual([]);
  // As the router decodes the id and the view encodes it again.
  expect(earlyTracePaths({ pathname: "/traces/a%2Fb", search: "" })).toEqual([tracePath("a/b")]);
});

it("hands each read over once; a failed read is dropped for the view to read again", async () => {
  const body = { id: ID };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith(ID)
        ? Response.json(body)
        : Response.json({ error: { code: "UNAUTHORIZED", message: "sign in" } }, { status: 401 }),
    ),
  );
  startEarlyReads({ pathname: "/compare", search: `?a=${ID}&b=${OTHER}` });
  expect(await takeEarlyRead(tracePath(ID))).toEqual(body);
  expect(takeEarlyRead(tracePath(ID))).toBeUndefined();
  expect(await takeEarlyRead(tracePath(OTHER))).toBeUndefined();
  expect(await takeEarlyRead("/api/auth/session")).toBeUndefined();
});

it("shows a read that has arrived without taking it, until it is taken", async () => {
  const body = { id: ID };
  let answer: (response: Response) => void = () => {};
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith(ID)
        ? new Promise<Response>((resolve) => {
            answer = resolve;
          })
        : Response.json({}, { status: 401 }),
    ),
  );
  startEarlyReads({ pathname: `/traces/${ID}`, search: "" });
  expect(arrivedEarlyRead(tracePath(ID))).toBeUndefined();
  answer(Response.json(body));
  await vi.waitFor(() => expect(arrivedEarlyRead(tracePath(ID))).toEqual(body));
  expect(arrivedEarlyRead(tracePath(ID))).toEqual(body);
  expect(await takeEarlyRead(tracePath(ID))).toEqual(body);
  expect(arrivedEarlyRead(tracePath(ID))).toBeUndefined();
  expect(arrivedEarlyRead("/api/auth/session")).toBeUndefined();
});

it("reads a trace chosen in the viewer once, and hands it to the view that shows it", async () => {
  const body = { id: ID };
  const fetched: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return Response.json(body);
    }),
  );
  startTraceRead(ID);
  startTraceRead(ID);
  expect(fetched).toEqual([tracePath(ID)]);
  expect(await takeEarlyRead(tracePath(ID))).toEqual(body);
  expect(takeEarlyRead(tracePath(ID))).toBeUndefined();
});

it("does not hand over a read nobody took in time: the view reads afresh", async () => {
  let now = 1_000;
  vi.spyOn(performance, "now").mockImplementation(() => now);
  const fetched: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return Response.json({ id: ID, read: fetched.length });
    }),
  );
  startTraceRead(ID);
  await vi.waitFor(() => expect(arrivedEarlyRead(tracePath(ID))).toEqual({ id: ID, read: 1 }));
  now += KEPT_FOR_MS + 1;
  expect(arrivedEarlyRead(tracePath(ID))).toBeUndefined();
  // Chosen again later: a new read, not the old one.
  startTraceRead(ID);
  expect(fetched).toHaveLength(2);
  expect(await takeEarlyRead(tracePath(ID))).toEqual({ id: ID, read: 2 });
  now += KEPT_FOR_MS + 1;
  startTraceRead(OTHER);
  now += KEPT_FOR_MS + 1;
  expect(takeEarlyRead(tracePath(OTHER))).toBeUndefined();
});
