// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import type { TraceDetailBody, TraceId } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { segment, sub, traceBody } from "../trace/test-trace.ts";
import { COMPARE } from "./Compare.markers.ts";
import { ComparePage } from "./ComparePage.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SDK_ID = "1-6b080246-000000000000000000000001" as TraceId;
const OTEL_ID = "1-6b080246-000000000000000000000002" as TraceId;

function withId(body: TraceDetailBody, id: TraceId): TraceDetailBody {
  return { ...body, id, summary: { ...body.summary, id } };
}

const BODIES: Record<string, TraceDetailBody> = {
  [SDK_ID]: withId(
    traceBody([
      segment("1", 0, 0.2, {
        name: "sample-backend",
        subsegments: [
          sub("2", 0.01, 0.05, { name: "UserData", metadata: { default: { username: "ann" } } }),
        ],
      }),
    ]),
    SDK_ID,
  ),
  [OTEL_ID]: withId(
    traceBody(
      [
        segment("5", 0, 0.3, {
          name: "sample-backend-otel",
          subsegments: [
            sub("6", 0.01, 0.05, { name: "UserData", metadata: { UserData: { username: "ann" } } }),
            sub("7", 0.06, 0.1, { name: "GET /users", namespace: "remote" }),
          ],
        }),
      ],
      1_000,
      [{ kind: "otlp", transport: "otlp-http-protobuf" }],
    ),
    OTEL_ID,
  ),
};

function serveTraces() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const id = decodeURIComponent(String(input).split("/api/traces/")[1] ?? "");
      const body = BODIES[id];
      return new Response(
        JSON.stringify(body ?? { error: { code: "TRACE_NOT_FOUND", message: "no" } }),
        {
          status: body === undefined ? 404 : 200,
          headers: { "content-type": "application/json" },
        },
      );
    }),
  );
}

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: "/compare", element: <ComparePage /> }], {
    initialEntries: [url],
  });
  render(<RouterProvider router={router} />);
}

describe("ComparePage", () => {
  it("shows two traces side by side, each as an outline of its nodes", async () => {
    serveTraces();
    renderAt(`/compare?a=${SDK_ID}&b=${OTEL_ID}`);
    const a = await screen.findByRole("region", { name: "Trace A" });
    const b = screen.getByRole("region", { name: "Trace B" });
    await waitFor(() => expect(within(b).getAllByTestId(COMPARE.row)).toHaveLength(3));
    expect(
      within(a)
        .getAllByTestId(COMPARE.row)
        .map((row) => row.dataset.name),
    ).toEqual(["sample-backend", "UserData"]);
    expect(within(a).getByTestId(COMPARE.counts).textContent).toContain("1 segment, 1 subsegment");
    const userData = within(b).getAllByTestId(COMPARE.row)[1];
    expect(userData?.textContent).toContain("metadata UserData");
    expect(within(b).getAllByTestId(COMPARE.row)[2]?.textContent).toContain("namespace remote");
    expect(within(b).getByText("OTLP/HTTP")).toBeTruthy();
    expect(screen.getByTestId(COMPARE.swap).getAttribute("href")).toBe(
      `/compare?a=${OTEL_ID}&b=${SDK_ID}`,
    );
  });

  it("aligns both trees, marking nodes only one trace has and the differences in duration", async () => {
    serveTraces();
    renderAt(`/compare?a=${SDK_ID}&b=${OTEL_ID}`);
    const aligned = await screen.findByTestId(COMPARE.aligned);
    const rows = within(aligned).getAllByTestId(COMPARE.alignedRow);
    expect(rows.map((row) => [row.dataset.name, row.dataset.presence])).toEqual([
      ["sample-backend", "a"],
      ["UserData", "a"],
      ["sample-backend-otel", "b"],
      ["UserData", "b"],
      ["GET /users", "b"],
    ]);
    expect(within(aligned).getByTestId(COMPARE.alignedSummary).textContent).toContain(
      "B took 100 ms longer than A",
    );
  });

  it("says so when a trace is not in the sandbox", async () => {
    serveTraces();
    renderAt(`/compare?a=${SDK_ID}&b=1-6b080246-0000000000000000000000ff`);
    const b = await screen.findByRole("region", { name: "Trace B" });
    expect((await within(b).findByRole("alert")).textContent).toContain("is not in the sandbox");
  });

  it("without b, offers traces to pick and explains an empty list", async () => {
    serveTraces();
    renderAt(`/compare?a=${SDK_ID}`);
    const picker = await screen.findByTestId(COMPARE.picker);
    expect(picker.textContent).toContain("pnpm demo --both");
  });
});
