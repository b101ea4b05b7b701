// @vitest-environment happy-dom

import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { Seconds, TraceSummary } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider, useLocation, useParams } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WARNED } from "../format/Warned.markers.ts";
import { initialLiveState } from "../live/live-state.ts";
import { liveStore } from "../live/live-store.ts";
import {
  syntheticNewestFirst,
  syntheticStats,
  syntheticSummary,
  syntheticTraceId,
} from "../live/synthetic-summaries.ts";
import { ORIGIN } from "../origin/Origin.markers.ts";
import { CompareMarkBar } from "./CompareMarkBar.tsx";
import { setMarkedForCompare } from "./compare-mark.ts";
import { TRACE_LIST } from "./TraceList.markers.ts";
import { TraceList } from "./TraceList.tsx";

const VIEWPORT = { clientHeight: 600, clientWidth: 1200 };
const saved = new Map<string, PropertyDescriptor | undefined>();

beforeAll(() => {
  for (const [name, value] of Object.entries(VIEWPORT)) {
    saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
});

afterAll(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
  }
});

afterEach(() => {
  cleanup();
  setMarkedForCompare(undefined);
  liveStore.setState(initialLiveState());
});

function showTraces(summaries: TraceSummary[]) {
  act(() => {
    liveStore.getState().receive({
      type: "snapshot",
      seq: 1,
      filter: null,
      summaries,
      total: summaries.length,
      limit: 2000,
      stats: syntheticStats({ traces: summaries.length }),
    });
    liveStore.getState().flush();
  });
}

function OpenedTrace() {
  return <p>opened {useParams().id}</p>;
}

function ComparedTraces() {
  const params = new URLSearchParams(useLocation().search);
  return (
    <p>
      compared {params.get("a")} with {params.get("b")}
    </p>
  );
}

function renderList() {
  const router = createMemoryRouter(
    [
      { path: "/", element: <CompareMarkBar list={<TraceList />} /> },
      { path: "/traces/:id", element: <OpenedTrace /> },
      { path: "/compare", element: <ComparedTraces /> },
    ],
    { initialEntries: ["/"] },
  );
  render(<RouterProvider router={router} />);
  return screen.getByTestId(TRACE_LIST.root);
}

const selectedIds = () =>
  screen
    .getAllByTestId(TRACE_LIST.row)
    .filter((row) => row.getAttribute("aria-selected") === "true")
    .map((row) => row.dataset.traceId);

describe("TraceList", () => {
  it("renders only the rows in view, newest first, with what each trace is", () => {
    showTraces([
      syntheticSummary(5000, {
        hasFault: true,
        hasError: false,
        hasThrottle: false,
        inProgress: false,
        partial: false,
      }),
      ...syntheticNewestFirst(0, 4999),
    ]);
    renderList();
    const rows = screen.getAllByTestId(TRACE_LIST.row);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    const first = rows[0];
    expect(first?.dataset.traceId).toBe(syntheticTraceId(5000));
    expect(first?.textContent).toContain("http://127.0.0.1:3900");
    const flags = first?.querySelectorAll(`[data-testid="${TRACE_LIST.flag}"]`) ?? [];
    expect([...flags].map((flag) => flag.textContent)).toEqual(["Fault"]);
    expect(rows[1]?.dataset.traceId).toBe(syntheticTraceId(4998));
  });

  it("moves the selection with the keyboard and clears it with Escape", () => {
    showTraces(syntheticNewestFirst(0, 1000));
    const grid = renderList();
    grid.focus();
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(selectedIds()).toEqual([syntheticTraceId(999)]);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    expect(selectedIds()).toEqual([syntheticTraceId(998)]);
    expect(grid.getAttribute("aria-activedescendant")).toBe(`trace-row-${syntheticTraceId(998)}`);
    fireEvent.keyDown(grid, { key: "End" });
    expect(grid.getAttribute("aria-activedescendant")).toBe(`trace-row-${syntheticTraceId(0)}`);
    fireEvent.keyDown(grid, { key: "Home" });
    expect(selectedIds()).toEqual([syntheticTraceId(999)]);
    fireEvent.keyDown(grid, { key: "PageDown" });
    expect(selectedIds()).toEqual([syntheticTraceId(999 - 16)]);
    fireEvent.keyDown(grid, { key: "Escape" });
    expect(selectedIds()).toEqual([]);
    expect(grid.hasAttribute("aria-activedescendant")).toBe(false);
  });

  it("opens the selected trace on Enter", async () => {
    showTraces(syntheticNewestFirst(0, 10));
    const grid = renderList();
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(await screen.findByText(`opened ${syntheticTraceId(8)}`)).toBeTruthy();
  });

  it("compares two traces picked with C, or with Shift+click", async () => {
    showTraces(syntheticNewestFirst(0, 10));
    const grid = renderList();
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "c" });
    expect(screen.getByTestId(TRACE_LIST.compareBar).textContent).toContain("Comparing");
    expect(screen.getAllByTestId(TRACE_LIST.row)[0]?.dataset.marked).toBe("true");
    fireEvent.keyDown(grid, { key: "Escape" });
    expect(screen.queryByTestId(TRACE_LIST.compareBar)).toBeNull();

    fireEvent.keyDown(grid, { key: "c" });
    const third = screen.getAllByTestId(TRACE_LIST.row)[2];
    if (!third) throw new Error("no third row");
    fireEvent.click(third, { shiftKey: true });
    expect(
      await screen.findByText(`compared ${syntheticTraceId(9)} with ${syntheticTraceId(7)}`),
    ).toBeTruthy();
  });

  it("opens a trace on click", async () => {
    showTraces(syntheticNewestFirst(0, 10));
    renderList();
    const row = screen.getAllByTestId(TRACE_LIST.row)[3];
    if (!row) throw new Error("no fourth row");
    fireEvent.click(row);
    expect(await screen.findByText(`opened ${syntheticTraceId(6)}`)).toBeTruthy();
  });

  it("shows new traces on top as they arrive", () => {
    showTraces(syntheticNewestFirst(0, 3));
    renderList();
    act(() => {
      liveStore.getState().receive({
        type: "batch",
        seq: 1,
        upserts: [syntheticSummary(3)],
        removed: [syntheticTraceId(0)],
        cleared: false,
        stats: syntheticStats({ traces: 3 }),
        rejections: [],
      });
      liveStore.getState().flush();
    });
    expect(screen.getAllByTestId(TRACE_LIST.row).map((row) => row.dataset.traceId)).toEqual([
      syntheticTraceId(3),
      syntheticTraceId(2),
      syntheticTraceId(1),
    ]);
  });

  it("shows a trace that ends before it starts with a warning mark, not a negative duration", () => {
    const warning =
      'api: "end_time" 1795686982.5 is before "start_time" 1795686983: it ends 500 ms before it starts';
    showTraces([syntheticSummary(7, { duration: -0.5 as Seconds, warnings: [warning] })]);
    renderList();
    const cell = screen.getByTestId(TRACE_LIST.duration);
    expect(cell.textContent).not.toMatch(/\d/);
    expect(within(cell).getByTestId(WARNED.mark).getAttribute("title")).toBe(warning);
  });

  it("shows where each trace came from: one badge per origin, short codes when mixed", () => {
    showTraces([
      syntheticSummary(3, { origins: ["xray-sdk", "otlp-grpc"] }),
      syntheticSummary(2, { origins: ["otlp-http"] }),
      syntheticSummary(1, { origins: [] }),
    ]);
    renderList();
    const sentBy = (n: number) => {
      const row = screen
        .getAllByTestId(TRACE_LIST.row)
        .find((element) => element.dataset.traceId === syntheticTraceId(n));
      if (!row) throw new Error(`no row for trace ${n}`);
      return within(row).getByTestId(TRACE_LIST.sentBy);
    };
    const channels = (cell: HTMLElement) =>
      within(cell)
        .queryAllByTestId(ORIGIN.badge)
        .map((badge) => badge.dataset.channel);
    expect(channels(sentBy(3))).toEqual(["xray-sdk", "otlp-grpc"]);
    expect(
      within(sentBy(3))
        .getAllByTestId(ORIGIN.badge)
        .every((badge) => badge.classList.contains("origin-badge-compact")),
    ).toBe(true);
    expect(channels(sentBy(2))).toEqual(["otlp-http"]);
    expect(
      within(sentBy(2)).getByRole("img", { name: "sent by OpenTelemetry over OTLP/HTTP" }),
    ).toBeDefined();
    expect(channels(sentBy(1))).toEqual([]);
  });

  it("sorts by a column header, saying the order with aria-sort", () => {
    showTraces([syntheticSummary(3), syntheticSummary(2)]);
    const chosen: string[] = [];
    const router = createMemoryRouter(
      [{ path: "/", element: <TraceList order="desc" onSort={(sort) => chosen.push(sort)} /> }],
      { initialEntries: ["/"] },
    );
    render(<RouterProvider router={router} />);
    const buttons = screen.getAllByTestId(TRACE_LIST.sortButton);
    expect(buttons.map((button) => button.dataset.sort)).toEqual([
      "received",
      "status",
      "responsetime",
      "services",
      "size",
    ]);
    const header = (sort: string) =>
      buttons.find((button) => button.dataset.sort === sort)?.closest("th");
    expect(header("received")?.getAttribute("aria-sort")).toBe("descending");
    expect(header("responsetime")?.getAttribute("aria-sort")).toBe("none");
    fireEvent.click(buttons.find((button) => button.dataset.sort === "responsetime") as Element);
    expect(chosen).toEqual(["responsetime"]);
  });

  it("shows the Flags column only when some row has a flag", () => {
    const plain = {
      hasFault: false,
      hasError: false,
      hasThrottle: false,
      inProgress: false,
      partial: false,
    };
    showTraces([syntheticSummary(1, plain), syntheticSummary(3, plain)]);
    const list = renderList();
    expect(within(list).queryByText(/^Flags/)).toBeNull();
    expect(list.className).toContain("trace-list-flagless");
    cleanup();
    showTraces([syntheticSummary(1, plain), syntheticSummary(3, { ...plain, hasFault: true })]);
    expect(within(renderList()).getByText(/^Flags/)).toBeTruthy();
  });
});
