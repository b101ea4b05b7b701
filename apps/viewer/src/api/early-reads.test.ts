import { afterEach, expect, it, vi } from "vitest";
import {
  arrivedEarlyRead,
  earlyTracePaths,
  startEarlyReads,
  takeEarlyRead,
  tracePath,
} from "./early-reads.ts";

afterEach(() => {
  vi.unstubAllGlobals();
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
