// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { epochSeconds, type TraceDetailBody } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DOCTOR } from "../doctor/Doctor.markers.ts";
import { WARNED } from "../format/Warned.markers.ts";
import { DETAIL_TAB_IDS, SEGMENT_DETAILS } from "./details/SegmentDetails.markers.ts";
import { TIMELINE } from "./Timeline.markers.ts";
import { TRACE_PAGE } from "./TracePage.markers.ts";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";
import { TraceView } from "./TraceView.tsx";
import { giveElementsASize } from "./test-layout.ts";
import { segment, sid, sub, TEST_TRACE_ID, traceBody } from "./test-trace.ts";
import { FIRST_ROWS } from "./trace-analysis.ts";

let restoreSize: () => void = () => {};
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(cleanup);

const body = traceBody([
  segment("a", 0, 1, {
    name: "api",
    annotations: { userId: "u-42", premium: true, score: 9.5 },
    metadata: {
      default: { profile: { name: "Ada", roles: ["admin"] } },
      hostile: { html: "<img src=x onerror=alert(1)>", js: "<script>alert(2)</script>" },
    },
    subsegments: [
      sub("b", 0.1, 0.5, {
        name: "UserData",
        subsegments: [sub("c", 0.2, 0.3, { name: "format" })],
      }),
      sub("d", 0.6, 0.9, {
        name: "query",
        namespace: "remote",
        sql: { sanitized_query: "SELECT * FROM t WHERE x = ?", database_type: "PostgreSQL" },
      }),
    ],
  }),
]);

function show(trace: TraceDetailBody, path = `/traces/${TEST_TRACE_ID}`) {
  const router = createMemoryRouter(
    [
      { path: "/traces/:id", element: <TraceView body={trace} /> },
      { path: "/", element: <p>the trace list</p> },
    ],
    {
      initialEntries: [path],
    },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const rowNames = () =>
  screen.getAllByTestId(TIMELINE.row).map((row) => row.getAttribute("data-name"));
const selectedName = () =>
  screen
    .getAllByTestId(TIMELINE.row)
    .find((row) => row.getAttribute("aria-selected") === "true")
    ?.getAttribute("data-name");
const row = (name: string) => {
  const found = screen
    .getAllByTestId(TIMELINE.row)
    .find((element) => element.getAttribute("data-name") === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

describe("the timeline", () => {
  it("shows every node as a row, nested, with its bar", () => {
    show(body);
    expect(rowNames()).toEqual(["api", "UserData", "format", "query"]);
    expect(row("format").getAttribute("aria-level")).toBe("3");
    expect(within(row("query")).getByText("SQL")).toBeTruthy();
    expect(
      Number.parseFloat(within(row("UserData")).getByTestId(TIMELINE.bar).style.left),
    ).toBeCloseTo(10);
    expect(
      Number.parseFloat(within(row("UserData")).getByTestId(TIMELINE.bar).style.width),
    ).toBeCloseTo(40);
  });

  it("moves with the arrow keys, collapses and expands with ← and →", () => {
    show(body);
    const tree = screen.getByRole("tree");
    expect(selectedName()).toBe("api");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(selectedName()).toBe("UserData");
    expect(tree.getAttribute("aria-activedescendant")).toBe(row("UserData").id);

    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(rowNames()).toEqual(["api", "UserData", "query"]);
    expect(row("UserData").getAttribute("aria-expanded")).toBe("false");

    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(selectedName()).toBe("api");

    fireEvent.keyDown(tree, { key: "ArrowDown" });
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(rowNames()).toEqual(["api", "UserData", "format", "query"]);
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(selectedName()).toBe("format");
    fireEvent.keyDown(tree, { key: "End" });
    expect(selectedName()).toBe("query");
  });

  it("opens the details with Enter and closes them with Escape", () => {
    const router = show(body);
    const tree = screen.getByRole("tree");
    fireEvent.keyDown(tree, { key: "End" });
    fireEvent.keyDown(tree, { key: "Enter" });
    const panel = screen.getByTestId(SEGMENT_DETAILS.panel);
    expect(within(panel).getByTestId(SEGMENT_DETAILS.title).textContent).toBe("query");
    expect(router.state.location.search).toBe(`?node=${sid("d")}`);

    fireEvent.keyDown(tree, { key: "ArrowUp" });
    expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe("format");

    fireEvent.keyDown(tree, { key: "Escape" });
    expect(screen.queryByTestId(SEGMENT_DETAILS.panel)).toBeNull();
    expect(router.state.location.search).toBe("");
  });

  it("goes back to the trace list on Escape when no details are open", async () => {
    const router = show(body);
    fireEvent.keyDown(screen.getByRole("tree"), { key: "Escape" });
    expect(router.state.location.pathname).toBe("/");
    expect(await screen.findByText("the trace list")).toBeTruthy();
  });

  it("collapses and expands everything, and by clicking a caret", () => {
    show(body);
    fireEvent.click(screen.getByTestId(TIMELINE.collapseAll));
    expect(rowNames()).toEqual(["api"]);
    fireEvent.click(screen.getByTestId(TIMELINE.expandAll));
    expect(rowNames()).toHaveLength(4);
    fireEvent.click(within(row("UserData")).getByTestId(TIMELINE.caret));
    expect(rowNames()).toEqual(["api", "UserData", "query"]);
  });

  describe("of a trace larger than its first rows", () => {
    const count = FIRST_ROWS * 3;
    const large = () =>
      traceBody([
        segment("a", 0, 1, {
          name: "api",
          subsegments: Array.from({ length: count }, (_, at) =>
            sub((at + 16).toString(16), at / count, (at + 1) / count, { name: `call-${at}` }),
          ),
        }),
        {
          ...sub("f", 0.2, 0.4, { name: "lost" }),
          type: "subsegment",
          trace_id: TEST_TRACE_ID,
          parent_id: sid("ffffff"),
        },
      ]);
    const canvasHeight = () =>
      Number.parseFloat(
        (document.querySelector(".timeline-canvas") as HTMLElement | null)?.style.height ?? "",
      );

    it("is as tall as every row from the start, and then holds them all", async () => {
      show(large());
      expect(rowNames()[0]).toBe("api");
      const height = canvasHeight();
      expect(height).toBeGreaterThan((count + 2) * 28);
      // The trace doctor's findings come after the first paint, with every row.
      await waitFor(() =>
        expect(
          screen.queryByTestId(DOCTOR.panel) ?? screen.queryByTestId(DOCTOR.empty),
        ).toBeTruthy(),
      );
      expect(canvasHeight()).toBe(height);
      fireEvent.keyDown(screen.getByRole("tree"), { key: "End" });
      fireEvent.keyDown(screen.getByRole("tree"), { key: "Enter" });
      expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe("lost");
    });

    it("goes to the last node with End at once", () => {
      show(large());
      const tree = screen.getByRole("tree");
      fireEvent.keyDown(tree, { key: "End" });
      fireEvent.keyDown(tree, { key: "ArrowUp" });
      fireEvent.keyDown(tree, { key: "Enter" });
      expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe(`call-${count - 1}`);
    });

    it("finds across every node at once", () => {
      show(large());
      fireEvent.change(screen.getByTestId(TRACE_TOOLS.find), { target: { value: "call-29" } });
      expect(screen.getByTestId(TRACE_TOOLS.findCount).textContent).toBe("11 matches");
    });

    it("opens a node linked beyond the first rows", () => {
      const at = count - 5;
      show(large(), `/traces/${TEST_TRACE_ID}?node=${sid((at + 16).toString(16))}`);
      expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe(`call-${at}`);
    });
  });

  it("lists orphans under their own heading that explains them", () => {
    show(
      traceBody([
        segment("a", 0, 1, { name: "api" }),
        {
          ...sub("e", 0.2, 0.4, { name: "lost" }),
          type: "subsegment",
          trace_id: TEST_TRACE_ID,
          parent_id: sid("ffff"),
        },
      ]),
    );
    const heading = screen.getByTestId(TIMELINE.orphans);
    expect(heading.textContent).toContain("1 node whose parent has not arrived");
    expect(
      within(heading).getByRole("button", { name: "Explain: Orphan subsegments" }),
    ).toBeTruthy();
    expect(rowNames()).toEqual(["api", "lost"]);
  });
});

describe("the details panel", () => {
  it("shows a node's metadata as a tree, hostile strings as text", () => {
    show(body, `/traces/${TEST_TRACE_ID}?node=${sid("a")}`);
    fireEvent.click(screen.getByTestId(DETAIL_TAB_IDS.metadata));
    const trees = screen.getAllByTestId(SEGMENT_DETAILS.metadataTree);
    expect(trees.map((tree) => tree.getAttribute("data-namespace"))).toEqual([
      "default",
      "hostile",
    ]);
    expect(trees[0]?.textContent).toContain('"Ada"');
    expect(trees[0]?.textContent).toContain('"admin"');
    expect(trees[1]?.textContent).toContain('"<img src=x onerror=alert(1)>"');
    expect(trees[1]?.textContent).toContain('"<script>alert(2)</script>"');
    const panel = screen.getByTestId(SEGMENT_DETAILS.panel);
    expect(panel.querySelector("img")).toBeNull();
    expect(panel.querySelector("script")).toBeNull();
  });

  it("lists annotations with their types and a filter for each value", () => {
    show(body, `/traces/${TEST_TRACE_ID}?node=${sid("a")}&tab=annotations`);
    const rows = screen.getAllByTestId(SEGMENT_DETAILS.annotation);
    expect(rows.map((element) => element.textContent)).toEqual([
      "userIdu-42stringtraces with this value",
      "premiumtruebooleantraces with this value",
      "score9.5numbertraces with this value",
    ]);
    const link = within(rows[0] as HTMLElement).getByRole("link");
    expect(decodeURIComponent(link.getAttribute("href") ?? "")).toBe(
      '/?filter=annotation.userId = "u-42"',
    );
  });

  it("disables tabs without data and moves between the others with the arrow keys", () => {
    show(body, `/traces/${TEST_TRACE_ID}?node=${sid("d")}`);
    const tab = (id: keyof typeof DETAIL_TAB_IDS) => screen.getByTestId(DETAIL_TAB_IDS[id]);
    expect(tab("overview").getAttribute("aria-selected")).toBe("true");
    expect(tab("annotations").getAttribute("aria-disabled")).toBe("true");
    expect(tab("sql").getAttribute("aria-disabled")).toBe("false");

    fireEvent.click(tab("annotations"));
    expect(tab("overview").getAttribute("aria-selected")).toBe("true");

    fireEvent.keyDown(tab("overview"), { key: "ArrowRight" });
    expect(tab("sql").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("sql"));
    expect(screen.getByTestId(SEGMENT_DETAILS.sqlQuery).textContent).toBe(
      "SELECT * FROM t WHERE x = ?",
    );
    fireEvent.keyDown(tab("sql"), { key: "ArrowRight" });
    expect(tab("raw").getAttribute("aria-selected")).toBe("true");
    expect(JSON.parse(screen.getByTestId(SEGMENT_DETAILS.rawJson).textContent ?? "")).toMatchObject(
      {
        name: "query",
        namespace: "remote",
      },
    );
  });

  it("opens the parent from the overview, revealing it if collapsed", () => {
    show(body, `/traces/${TEST_TRACE_ID}?node=${sid("c")}`);
    fireEvent.click(screen.getByTestId(TIMELINE.collapseAll));
    expect(rowNames()).toEqual(["api"]);
    expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe("format");
    fireEvent.click(screen.getByRole("button", { name: `${sid("b")} (UserData)` }));
    expect(rowNames()).toEqual(["api", "UserData", "query"]);
    expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toBe("UserData");
    expect(selectedName()).toBe("UserData");
  });
});

describe("times no clock gives", () => {
  const odd = traceBody([
    segment("a", 1, 0.5, {
      name: "backwards",
      subsegments: [
        sub("b", 0.1, 0.2, {
          name: "epoch-zero",
          start_time: epochSeconds(500),
          end_time: epochSeconds(501),
        }),
        sub("c", 1.3, 1.4, { name: "fine" }),
      ],
    }),
  ]);
  const text = () => document.body.textContent ?? "";
  const negativeDuration = /[-−]\s?\d+(\.\d+)?\s?(µs|ms|s)\b/;

  it("shows no negative duration and no 1970 date, but a warning mark", () => {
    show(odd, `/traces/${TEST_TRACE_ID}?node=${sid("a")}`);
    expect(text()).not.toMatch(negativeDuration);
    expect(text()).not.toMatch(/1970/);
    expect(screen.getByTestId(TRACE_PAGE.warnings).textContent).toContain(
      'backwards: "end_time" 1795686982.5 is before "start_time" 1795686983',
    );
    const details = screen.getByTestId(SEGMENT_DETAILS.panel);
    const marks = within(details).getAllByTestId(WARNED.mark);
    expect(marks.map((mark) => mark.getAttribute("title"))).toEqual([
      expect.stringContaining("it ends 500 ms before it starts"),
    ]);
    expect(within(row("backwards")).getByTestId(WARNED.mark)).toBeTruthy();
    expect(within(row("fine")).queryByTestId(WARNED.mark)).toBeNull();
  });

  it("shows a time from before 2000 as the number sent, with why", () => {
    show(odd, `/traces/${TEST_TRACE_ID}?node=${sid("b")}`);
    expect(text()).not.toMatch(/1970/);
    const details = screen.getByTestId(SEGMENT_DETAILS.panel);
    const marks = within(details).getAllByTestId(WARNED.mark);
    expect(marks.map((mark) => mark.textContent)).toEqual(["500⚠", "501⚠"]);
    expect(marks[0]?.getAttribute("title")).toContain("X-Ray times are epoch seconds");
    // Its bar does not stretch the axis over 56 years: the others keep their place.
    expect(
      Number.parseFloat(within(row("fine")).getByTestId(TIMELINE.bar).style.left),
    ).toBeGreaterThan(50);
  });
});

describe("TraceView analysis tools", () => {
  it("finds across the trace, expanding a collapsed row to show the match", () => {
    show(body);
    fireEvent.click(screen.getByTestId(TIMELINE.collapseAll));
    expect(rowNames()).toEqual(["api"]);
    const find = screen.getByTestId(TRACE_TOOLS.find);
    fireEvent.change(find, { target: { value: "where x" } });
    expect(screen.getByTestId(TRACE_TOOLS.findCount).textContent).toBe("1 match");
    fireEvent.keyDown(find, { key: "Enter" });
    expect(screen.getByTestId(TRACE_TOOLS.findCount).textContent).toBe("1 of 1");
    expect(rowNames()).toContain("query");
    const query = screen.getAllByTestId(TIMELINE.row).find((row) => row.dataset.name === "query");
    expect(query?.dataset.match).toBe("current");
  });

  it("shows the statistics and the raw JSON in their own tabs", () => {
    show(body);
    const tab = (view: string) =>
      screen.getAllByTestId(TRACE_TOOLS.tab).find((element) => element.dataset.view === view);
    fireEvent.click(tab("stats") as HTMLElement);
    expect(tab("stats")?.getAttribute("aria-selected")).toBe("true");
    const names = screen.getAllByTestId(TRACE_TOOLS.statsRow).map((row) => row.dataset.name);
    expect(names).toHaveLength(4);
    expect(names).toContain("query");
    fireEvent.click(tab("json") as HTMLElement);
    expect(screen.getByTestId(TRACE_TOOLS.rawJson).textContent).toContain("1 document");
    expect(screen.getByTestId(TRACE_TOOLS.downloadJson).textContent).toContain(
      `${TEST_TRACE_ID}.json`,
    );
  });
});
