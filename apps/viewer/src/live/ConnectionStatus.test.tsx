// @vitest-environment happy-dom
import { act, cleanup, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, expect, it } from "vitest";
import { CONNECTION_STATUS } from "./ConnectionStatus.markers.ts";
import { ConnectionStatus } from "./ConnectionStatus.tsx";
import { initialLiveState } from "./live-state.ts";
import { liveStore } from "./live-store.ts";
import { syntheticNewestFirst, syntheticStats } from "./synthetic-summaries.ts";

afterEach(() => {
  cleanup();
  liveStore.setState(initialLiveState());
});

function renderStatus() {
  const router = createMemoryRouter([{ path: "*", element: <ConnectionStatus /> }]);
  render(<RouterProvider router={router} />);
}

it("says when it is reconnecting, and why the connection ended", () => {
  renderStatus();
  act(() =>
    liveStore.getState().socketChanged({
      status: "reconnecting",
      attempt: 2,
      lastError: "the connection to the daemon was lost",
    }),
  );
  const state = screen.getByTestId(CONNECTION_STATUS.state);
  expect(state.textContent).toBe("Reconnecting (attempt 2)…");
  expect(state.dataset.state).toBe("reconnecting");
  expect(state.title).toBe("Last problem: the connection to the daemon was lost");
});

it("shows the daemon's counters, with rejections linking to why", () => {
  renderStatus();
  act(() => {
    liveStore.getState().socketChanged({ status: "live", attempt: 0, lastError: undefined });
    liveStore.getState().receive({
      type: "batch",
      seq: 1,
      upserts: [],
      removed: [],
      cleared: false,
      stats: syntheticStats({ traces: 1234, received: 5000, rejected: 7 }),
      rejections: [],
    });
    liveStore.getState().flush();
  });
  expect(screen.getByTestId(CONNECTION_STATUS.state).textContent).toBe("Live");
  expect(screen.getByTestId(CONNECTION_STATUS.traces).textContent).toBe("1,234 traces");
  expect(screen.getByTestId(CONNECTION_STATUS.received).textContent).toBe("5,000 received");
  const rejected = screen.getByTestId(CONNECTION_STATUS.rejected);
  expect(rejected.textContent).toBe("7 rejected");
  expect(rejected.getAttribute("href")).toBe("/rejected");
});

it("says paused, with how many traces wait", () => {
  renderStatus();
  act(() => {
    liveStore.getState().socketChanged({ status: "live", attempt: 0, lastError: undefined });
    liveStore.getState().receive({
      type: "snapshot",
      seq: 1,
      filter: null,
      summaries: [],
      total: 0,
      limit: 2000,
      stats: syntheticStats(),
    });
    liveStore.getState().pause();
    liveStore.getState().receive({
      type: "batch",
      seq: 1,
      upserts: syntheticNewestFirst(0, 2),
      removed: [],
      cleared: false,
      stats: syntheticStats({ traces: 2 }),
      rejections: [],
    });
    liveStore.getState().flush();
  });
  expect(screen.getByTestId(CONNECTION_STATUS.state).textContent).toBe("Paused");
  expect(screen.getByTestId(CONNECTION_STATUS.root).textContent).toContain("2 new");
});
