// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import type { TraceDetailBody } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TIMELINE } from "./Timeline.markers.ts";
import { TRACE_PAGE } from "./TracePage.markers.ts";
import { TracePage } from "./TracePage.tsx";
import { giveElementsASize } from "./test-layout.ts";
import { segment, streamed, sub, TEST_TRACE_ID, traceBody } from "./test-trace.ts";

let restoreSize: () => void = () => {};
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

type Answer = { status: number; body: unknown };

/** Answers `GET /api/traces/:id` from a queue; the last answer repeats. */
function serve(...answers: Answer[]) {
  const requests: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    requests.push(String(input));
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (!answer) throw new Error("no answer");
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return requests;
}

function open(id: string = TEST_TRACE_ID) {
  const router = createMemoryRouter(
    [
      { path: "/traces/:id", element: <TracePage /> },
      { path: "/", element: <p>the list</p> },
    ],
    { initialEntries: [`/traces/${id}`] },
  );
  render(<RouterProvider router={router} />);
}

const ok = (body: TraceDetailBody): Answer => ({ status: 200, body });
const rowNames = () =>
  screen.getAllByTestId(TIMELINE.row).map((row) => row.getAttribute("data-name"));

describe("TracePage", () => {
  it("says it is loading, then shows the trace's header and timeline", async () => {
    const requests = serve(
      ok(traceBody([segment("a", 0, 1, { name: "api", subsegments: [sub("b", 0.1, 0.2)] })])),
    );
    open();
    expect(screen.getByTestId(TRACE_PAGE.loading).textContent).toContain(TEST_TRACE_ID);
    expect(await screen.findByTestId(TRACE_PAGE.header)).toBeTruthy();
    expect(screen.getByTestId(TRACE_PAGE.traceId).textContent).toBe(TEST_TRACE_ID);
    expect(screen.getByTestId(TRACE_PAGE.download).getAttribute("href")).toBe(
      `/api/export?id=${TEST_TRACE_ID}`,
    );
    expect(rowNames()).toEqual(["api", "sub-b"]);
    expect(requests).toEqual([`/api/traces/${TEST_TRACE_ID}`]);
  });

  it("explains a missing trace and links back to the list", async () => {
    serve({
      status: 404,
      body: { error: { code: "TRACE_NOT_FOUND", message: "no trace in the store" } },
    });
    open();
    const message = await screen.findByTestId(TRACE_PAGE.notFound);
    expect(message.textContent).toContain(`No trace ${TEST_TRACE_ID}`);
    expect(message.textContent).toContain("evicted");
    expect(screen.getByRole("link", { name: "Back to the list" }).getAttribute("href")).toBe("/");
  });

  it("reads an in-progress trace again every second until it is complete", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const running = traceBody([segment("a", 0, undefined, { name: "job" })]);
    const streamedChild = traceBody([
      segment("a", 0, undefined, { name: "job" }),
      streamed("b", "a", 0.1, 0.2, { name: "step" }),
    ]);
    const done = traceBody(
      [segment("a", 0, 1, { name: "job" }), streamed("b", "a", 0.1, 0.2, { name: "step" })],
      2_000,
    );
    const requests = serve(ok(running), ok(streamedChild), ok(done));
    open();
    expect(await screen.findByTestId(TRACE_PAGE.flags)).toBeTruthy();
    expect(rowNames()).toEqual(["job"]);

    await act(async () => vi.advanceTimersByTime(1000));
    await waitFor(() => expect(rowNames()).toEqual(["job", "step"]));

    await act(async () => vi.advanceTimersByTime(1000));
    await waitFor(() => expect(screen.queryByTestId(TRACE_PAGE.flags)).toBeNull());
    await act(async () => vi.advanceTimersByTime(5000));
    expect(requests).toHaveLength(3);
  });

  it("keeps showing the trace when a refresh fails, and says so", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    serve(ok(traceBody([segment("a", 0, undefined, { name: "job" })])), {
      status: 503,
      body: { error: { code: "UNAVAILABLE", message: "daemon stopping" } },
    });
    open();
    await screen.findByTestId(TRACE_PAGE.header);
    await act(async () => vi.advanceTimersByTime(1000));
    expect((await screen.findByTestId(TRACE_PAGE.refreshError)).textContent).toContain(
      "daemon stopping",
    );
    expect(rowNames()).toEqual(["job"]);
  });
});
