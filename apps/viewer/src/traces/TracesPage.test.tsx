// @vitest-environment happy-dom

import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { TraceSummary } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { FILTER_BAR } from "../filter/FilterBar.markers.ts";
import { initialLiveState } from "../live/live-state.ts";
import { liveStore } from "../live/live-store.ts";
import { syntheticNewestFirst, syntheticStats } from "../live/synthetic-summaries.ts";
import { TRACE_LIST, TRACES_PAGE } from "./TraceList.markers.ts";
import { TracesPage } from "./TracesPage.tsx";

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");

afterEach(() => {
  cleanup();
  liveStore.setState(initialLiveState());
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
  else Reflect.deleteProperty(HTMLElement.prototype, "clientHeight");
});

function renderPage(url: string) {
  const router = createMemoryRouter([{ path: "/", element: <TracesPage /> }], {
    initialEntries: [url],
  });
  render(<RouterProvider router={router} />);
  return router;
}

function daemonSends(summaries: TraceSummary[], stats = syntheticStats()) {
  act(() => {
    liveStore.getState().receive({
      type: "snapshot",
      seq: 1,
      filter: liveStore.getState().filter,
      summaries,
      total: summaries.length,
      limit: 2000,
      stats,
    });
    liveStore.getState().flush();
  });
}

describe("TracesPage", () => {
  it("tells a newcomer how to send traces to this daemon, and why some were refused", () => {
    const port = window.location.port;
    renderPage("/");
    daemonSends([], syntheticStats({ received: 3, rejected: 3, udpAddress: `0.0.0.0:${port}` }));
    expect(screen.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeTruthy();
    expect(screen.getByTestId(TRACES_PAGE.daemonAddress).textContent).toBe(
      `export AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:${port}`,
    );
    expect(screen.getByText("pnpm demo")).toBeTruthy();
    const hint = screen.getByTestId(TRACES_PAGE.rejectedHint);
    expect(hint.textContent).toBe("3 datagrams were rejected: see why.");
    expect(hint.querySelector("a")?.getAttribute("href")).toBe("/rejected");
  });

  it("subscribes with the URL's group and filter, and says when nothing matches", () => {
    const router = renderPage("/?group=checkout&filter=fault");
    expect(liveStore.getState().filter).toBe('group.name = "checkout" AND (fault)');
    daemonSends([], syntheticStats({ traces: 12 }));
    const empty = screen.getByTestId(TRACES_PAGE.emptyNoMatch);
    expect(empty.textContent).toContain("The daemon holds 12 traces; none matches.");
    const exported = new URL(
      screen.getByTestId(TRACES_PAGE.export).getAttribute("href") ?? "",
      "http://127.0.0.1:2000",
    );
    expect(exported.pathname).toBe("/api/export");
    expect(exported.searchParams.get("filter")).toBe('group.name = "checkout" AND (fault)');

    fireEvent.click(screen.getByTestId(TRACES_PAGE.clearFilter));
    expect(router.state.location.search).toBe("?group=checkout");
    expect((screen.getByTestId(FILTER_BAR.input) as HTMLInputElement).value).toBe("");
    expect(liveStore.getState().filter).toBe('group.name = "checkout"');
  });

  it("does not subscribe with a filter from the URL that does not parse, and says why", () => {
    renderPage("/?filter=http.status%20%3D");
    expect(liveStore.getState().filter).toBeNull();
    expect(screen.getByTestId(TRACES_PAGE.invalidFilter).textContent).toContain(
      "expected a number",
    );
  });

  it("shows no count beside a filter from the URL that does not parse", () => {
    renderPage("/");
    daemonSends(syntheticNewestFirst(0, 3));
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Showing 3 traces");
    cleanup();
    renderPage("/?filter=http.status%20%3D");
    expect(screen.getByTestId(TRACES_PAGE.invalidFilter)).toBeTruthy();
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe(
      "No list: the filter is not valid",
    );
  });

  it("says the count is a lower bound while the daemon counts, then the whole count", () => {
    renderPage("/?filter=fault");
    act(() => {
      liveStore.getState().receive({
        type: "snapshot",
        seq: 1,
        filter: "fault",
        summaries: syntheticNewestFirst(0, 3),
        total: 3,
        limit: 3,
        stats: syntheticStats(),
        counting: true,
      });
      liveStore.getState().flush();
    });
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe(
      "Showing 3 of at least 3, counting…",
    );
    act(() => {
      liveStore.getState().receive({ type: "count", filter: "fault", total: 40 });
      liveStore.getState().flush();
    });
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Showing 3 of 40");
  });

  it("says the daemon is unreachable, not that no trace came, and when it is back", () => {
    renderPage("/");
    daemonSends([]);
    expect(screen.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeTruthy();
    act(() => {
      liveStore.getState().socketChanged({
        status: "reconnecting",
        attempt: 2,
        lastError: "the connection to the daemon was lost",
      });
    });
    expect(screen.queryByTestId(TRACES_PAGE.emptyNoTraces)).toBeNull();
    expect(screen.getByTestId(TRACES_PAGE.unreachable).textContent).toContain(
      "Cannot reach the daemon",
    );
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Daemon unreachable");
    act(() => {
      liveStore.getState().socketChanged({ status: "live", attempt: 0, lastError: undefined });
    });
    expect(screen.getByTestId(TRACES_PAGE.reconnected).textContent).toContain("Reconnected");
  });

  it("keeps a list on screen while the daemon is unreachable, and says so above it", () => {
    renderPage("/");
    daemonSends(syntheticNewestFirst(0, 2));
    act(() => {
      liveStore
        .getState()
        .socketChanged({ status: "reconnecting", attempt: 1, lastError: undefined });
    });
    expect(screen.getByTestId(TRACES_PAGE.unreachable).textContent).toContain(
      "showing the 2 traces received before",
    );
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe(
      "Showing 2 traces received before · daemon unreachable",
    );
  });

  it("applies a filter typed in the bar to the URL and the subscription", () => {
    const router = renderPage("/");
    daemonSends(syntheticNewestFirst(0, 3));
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Showing 3 traces");
    const input = screen.getByTestId(FILTER_BAR.input);
    fireEvent.change(input, { target: { value: "http.status >= 500" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(router.state.location.search).toBe("?filter=http.status+%3E%3D+500");
    expect(liveStore.getState().filter).toBe("http.status >= 500");
  });

  it("pauses the list and counts what arrives meanwhile", () => {
    renderPage("/");
    daemonSends(syntheticNewestFirst(0, 2));
    fireEvent.click(screen.getByTestId(TRACES_PAGE.pause));
    act(() => {
      liveStore.getState().receive({
        type: "batch",
        seq: 1,
        upserts: syntheticNewestFirst(2, 5),
        removed: [],
        cleared: false,
        stats: syntheticStats({ traces: 5 }),
        rejections: [],
      });
      liveStore.getState().flush();
    });
    const pause = screen.getByTestId(TRACES_PAGE.pause);
    expect(pause.getAttribute("aria-pressed")).toBe("true");
    expect(pause.textContent).toBe("Resume3 new");
    fireEvent.click(pause);
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Showing 5 traces");
  });

  it("keeps the old rows, marked busy, until the new filter's snapshot replaces them", () => {
    // happy-dom lays nothing out: the list's virtualizer is given a viewport to fill.
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get: () => 600,
    });
    const router = renderPage("/");
    act(() =>
      liveStore.getState().socketChanged({ status: "live", attempt: 0, lastError: undefined }),
    );
    daemonSends(syntheticNewestFirst(0, 3));
    const rowIds = () =>
      screen.getAllByTestId(TRACE_LIST.row).map((row) => row.getAttribute("data-trace-id"));
    const before = rowIds();
    expect(before).toHaveLength(3);

    const input = screen.getByTestId(FILTER_BAR.input);
    fireEvent.change(input, { target: { value: "fault" } });
    act(() => {
      liveStore.getState().subscribed();
      fireEvent.keyDown(input, { key: "Enter" });
    });
    expect(liveStore.getState().filter).toBe("fault");
    expect(router.state.location.search).toBe("?filter=fault");
    const list = screen.getByTestId(TRACE_LIST.root);
    expect(list.getAttribute("aria-busy")).toBe("true");
    expect(rowIds()).toEqual(before);
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Loading…");

    daemonSends(syntheticNewestFirst(7, 9));
    expect(screen.getByTestId(TRACE_LIST.root).getAttribute("aria-busy")).toBe("false");
    expect(rowIds()).toEqual(syntheticNewestFirst(7, 9).map((summary) => summary.id));
    expect(screen.getByTestId(TRACES_PAGE.count).textContent).toBe("Showing 2 traces");
  });
});
