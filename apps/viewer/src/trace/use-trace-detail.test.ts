// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { arrivedEarlyRead, startEarlyReads, tracePath } from "../api/early-reads.ts";
import { segment, streamed, TEST_TRACE_ID, traceBody } from "./test-trace.ts";
import { traceVersion, useTraceDetail } from "./use-trace-detail.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it("reads a complete trace again only when the live version moves, keeping an unchanged body", async () => {
  const first = traceBody([segment("a", 0, 1)]);
  const same = traceBody([segment("a", 0, 1)]);
  const grown = traceBody([segment("a", 0, 1), streamed("b", "a", 0.1, 0.2)], 5_000);
  const answers = [first, same, grown];
  const fetch = vi.fn(async () => Response.json(answers.shift()));
  vi.stubGlobal("fetch", fetch);

  const { result, rerender } = renderHook(({ version }) => useTraceDetail(TEST_TRACE_ID, version), {
    initialProps: { version: "v1" },
  });
  await waitFor(() => expect(result.current.state.status).toBe("ready"));
  const shown = result.current.state.status === "ready" ? result.current.state.body : undefined;
  expect(shown?.summary.subsegmentCount).toBe(0);

  rerender({ version: "v2" });
  await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
  await waitFor(() => expect(answers).toHaveLength(1));
  expect(result.current.state.status === "ready" && result.current.state.body).toBe(shown);

  rerender({ version: "v3" });
  await waitFor(() =>
    expect(
      result.current.state.status === "ready" && result.current.state.body.summary.subsegmentCount,
    ).toBe(1),
  );
  expect(fetch).toHaveBeenCalledTimes(3);
});

it("starts over when the id changes", async () => {
  const other = "1-6b080246-000000000000000000000002";
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith(other)
        ? Response.json({ error: { code: "TRACE_NOT_FOUND", message: "gone" } }, { status: 404 })
        : Response.json(traceBody([segment("a", 0, 1)])),
    ),
  );
  const { result, rerender } = renderHook(({ id }) => useTraceDetail(id), {
    initialProps: { id: TEST_TRACE_ID as string },
  });
  await waitFor(() => expect(result.current.state.status).toBe("ready"));
  rerender({ id: other });
  expect(result.current.state.status).toBe("loading");
  await waitFor(() => expect(result.current.state.status).toBe("not-found"));
});

it("does not read again when the live stream names the version it already holds", async () => {
  const first = traceBody([segment("a", 0, 1)]);
  const grown = traceBody([segment("a", 0, 1), streamed("b", "a", 0.1, 0.2)], 5_000);
  const answers = [first, grown, grown];
  const fetch = vi.fn(async () => Response.json(answers.shift()));
  vi.stubGlobal("fetch", fetch);
  const { result, rerender } = renderHook(({ version }) => useTraceDetail(TEST_TRACE_ID, version), {
    initialProps: { version: undefined as string | undefined },
  });
  await waitFor(() => expect(result.current.state.status).toBe("ready"));
  rerender({ version: traceVersion(first.summary) });
  // A turn of the event loop: a read it started would have asked by then.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(fetch).toHaveBeenCalledTimes(1);
  rerender({ version: traceVersion(grown.summary) });
  await waitFor(() =>
    expect(
      result.current.state.status === "ready" && result.current.state.body.summary.subsegmentCount,
    ).toBe(1),
  );
  // The first and the grown one: the version it held was not read again.
  expect(fetch).toHaveBeenCalledTimes(2);
});

it("shows the page's early read in its first render when it has arrived, and reads no more", async () => {
  const body = traceBody([segment("a", 0, 1)]);
  const fetch = vi.fn(async () => Response.json(body));
  vi.stubGlobal("fetch", fetch);
  startEarlyReads({ pathname: `/traces/${TEST_TRACE_ID}`, search: "" });
  await waitFor(() => expect(arrivedEarlyRead(tracePath(TEST_TRACE_ID))).toBeDefined());
  const reads = fetch.mock.calls.length;

  const { result } = renderHook(() => useTraceDetail(TEST_TRACE_ID));
  expect(result.current.state.status).toBe("ready");
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(fetch).toHaveBeenCalledTimes(reads);
  // Taken: a later view of the trace reads it afresh.
  expect(arrivedEarlyRead(tracePath(TEST_TRACE_ID))).toBeUndefined();
});
