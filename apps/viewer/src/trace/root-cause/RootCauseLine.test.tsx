// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { TraceDetailBody } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEGMENT_DETAILS } from "../details/SegmentDetails.markers.ts";
import { TraceView } from "../TraceView.tsx";
import { giveElementsASize } from "../test-layout.ts";
import { segment, sid, sub, TEST_TRACE_ID, traceBody } from "../test-trace.ts";
import { cssString, describeRootCause } from "./describe-root-cause.ts";
import { ROOT_CAUSE } from "./RootCauseLine.markers.ts";

let restoreSize: () => void = () => {};
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(cleanup);

/** web calls Auth; Auth's deserialize step throws: a 500 all the way up. */
const authFault = traceBody([
  segment("a", 0, 1, {
    name: "web",
    fault: true,
    subsegments: [sub("b", 0.1, 0.9, { name: "Auth", namespace: "remote", fault: true })],
  }),
  segment("c", 0.2, 0.8, {
    name: "Auth",
    parent_id: sid("b"),
    fault: true,
    subsegments: [
      sub("d", 0.3, 0.4, {
        name: "deserialize",
        fault: true,
        cause: { exceptions: [{ id: sid("e1"), type: "DeserializeError", message: "bad JSON" }] },
      }),
    ],
  }),
]);

/** orders' DynamoDB call to the table `carts` is throttled; nothing answers it. */
const dynamoError = traceBody([
  segment("f", 0, 0.5, {
    name: "orders",
    error: true,
    subsegments: [
      sub("g", 0.1, 0.2, {
        name: "DynamoDB",
        namespace: "aws",
        error: true,
        throttle: true,
        aws: { operation: "GetItem", table_name: "carts" },
      }),
    ],
  }),
]);

const calm = traceBody([segment("h", 0, 0.1, { name: "orders" })]);

function renderView(trace: TraceDetailBody) {
  const router = createMemoryRouter(
    [{ path: "/traces/:id", element: <TraceView body={trace} /> }],
    {
      initialEntries: [`/traces/${TEST_TRACE_ID}`],
    },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe("describeRootCause", () => {
  it("names the node a fault originated at, its service and its exception", () => {
    const cause = describeRootCause(authFault);
    expect(cause).toMatchObject({
      kind: "fault",
      service: "Auth",
      inferred: undefined,
      exception: "DeserializeError: bad JSON",
      more: 0,
    });
    expect(cause?.node.document.name).toBe("deserialize");
  });

  it("names the service a call nothing answered was calling", () => {
    const cause = describeRootCause(dynamoError);
    expect(cause).toMatchObject({ kind: "error", service: "orders", inferred: "carts" });
    expect(cause?.node.document.name).toBe("DynamoDB");
  });

  it("has nothing to say about a calm trace", () => {
    expect(describeRootCause(calm)).toBeUndefined();
  });

  it("escapes what would end a CSS string", () => {
    expect(cssString('a"b\\c')).toBe('a\\"b\\\\c');
  });
});

describe("RootCauseLine in the trace view", () => {
  it("says where the fault originated and opens that node's details from the link", async () => {
    const router = renderView(authFault);
    // It comes once the first rows are painted.
    const line = await screen.findByTestId(ROOT_CAUSE.line);
    expect(line.textContent).toBe("Root causefaultatdeserializein AuthDeserializeError: bad JSON");
    const link = screen.getByRole("link", { name: "Show deserialize, where the fault originated" });
    fireEvent.click(link);
    expect(router.state.location.search).toMatch(/node=/);
    expect(screen.getByTestId(SEGMENT_DETAILS.title).textContent).toContain("deserialize");
    expect(line.dataset.rowId).toBe(
      screen.getAllByRole("treeitem").find((row) => row.dataset.name === "deserialize")?.dataset.id,
    );
  });

  it("shows nothing for a trace without fault or error", async () => {
    renderView(calm);
    // The trace doctor's findings come with the root cause, after the first paint.
    await screen.findByRole("heading", { name: /problems/i });
    expect(screen.queryByTestId(ROOT_CAUSE.line)).toBeNull();
  });
});
