// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { DocumentOrigin, TraceDetailBody } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXPLAIN } from "../explain/Explain.markers.ts";
import { ORIGIN } from "../origin/Origin.markers.ts";
import { sourceSpan } from "../origin/test-origins.ts";
import { SEGMENT_DETAILS } from "./details/SegmentDetails.markers.ts";
import { TRACE_PAGE } from "./TracePage.markers.ts";
import { TraceView } from "./TraceView.tsx";
import { giveElementsASize } from "./test-layout.ts";
import { segment, sid, streamed, sub, TEST_TRACE_ID, traceBody } from "./test-trace.ts";

let restoreSize: () => void = () => {};
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(cleanup);

function show(trace: TraceDetailBody, search = "") {
  const router = createMemoryRouter(
    [{ path: "/traces/:id", element: <TraceView body={trace} /> }],
    {
      initialEntries: [`/traces/${TEST_TRACE_ID}${search}`],
    },
  );
  render(<RouterProvider router={router} />);
}

const otlp = (overrides: Parameters<typeof sourceSpan>[0] = {}): DocumentOrigin => {
  const span = sourceSpan(overrides);
  return { kind: "otlp", transport: span.transport, span };
};

const otelTrace = traceBody(
  [
    segment("a", 0, 1, { name: "checkout", annotations: { cart_id: "cart-7" } }),
    streamed("d", "a", 0.2, 0.6, { name: "inventory", namespace: "remote" }),
  ],
  1_000,
  [
    otlp(),
    otlp({
      spanId: sid("d"),
      parentSpanId: sid("a"),
      name: "GET inventory",
      kind: "client",
      events: [{ name: "retry", timeUnixNano: "1795686982300000000", attributes: {} }],
    }),
  ],
);

const xrayTrace = traceBody([
  segment("a", 0, 1, { name: "api", subsegments: [sub("b", 0.1, 0.5, { name: "UserData" })] }),
]);

describe("where a trace came from", () => {
  it("shows the trace's origin badges in the header, with the OpenTelemetry note", () => {
    show(otelTrace);
    const sentBy = screen.getByTestId(TRACE_PAGE.sentBy);
    const badges = within(sentBy).getAllByTestId(ORIGIN.badge);
    expect(badges.map((badge) => badge.dataset.channel)).toEqual(["otlp-http"]);
    const explain = within(sentBy).getByRole("button", {
      name: "Explain: how OpenTelemetry spans became these X-Ray documents",
    });
    expect(explain.dataset.topic).toBe("otel-translation");
    fireEvent.click(explain);
    const note = screen.getByTestId(EXPLAIN.popover);
    expect(note.textContent).toContain("maintenance mode on 2026-02-25");
    expect(note.textContent).toContain("support ends on 2027-02-25");
    expect(note.textContent).toContain("SERVER span, or a span without a parent");
    expect(note.textContent).toContain("--otlp-index-all-attributes");
    expect(note.textContent).toContain("otel.resource.<key>");
    expect(note.textContent).toContain("docs/otlp-translation.md in the repository");
  });

  it("shows the X-Ray SDK badge and no OpenTelemetry note on an X-Ray trace", () => {
    show(xrayTrace);
    const sentBy = screen.getByTestId(TRACE_PAGE.sentBy);
    expect(
      within(sentBy).getByRole("img", { name: "sent by an X-Ray SDK over UDP" }),
    ).toBeDefined();
    expect(within(sentBy).queryByTestId(EXPLAIN.button)).toBeNull();
  });

  it("marks a trace holding spans sent unsampled", () => {
    show(traceBody([segment("a", 0, 1)], 1_000, [otlp({ transport: "otlp-udp", sampled: false })]));
    const sentBy = screen.getByTestId(TRACE_PAGE.sentBy);
    expect(within(sentBy).getByTestId(ORIGIN.badge).dataset.channel).toBe("adot-udp");
    expect(within(sentBy).getByTestId(ORIGIN.unsampled).dataset.count).toBe("1");
  });
});

describe("the Raw tab", () => {
  it("shows the span a document was made from beside it, each with a heading and a copy button", () => {
    show(otelTrace, `?node=${sid("d")}&tab=raw`);
    const panel = screen.getByTestId(SEGMENT_DETAILS.tabpanel);
    expect(panel.dataset.tab).toBe("raw");
    expect(within(panel).getByTestId(SEGMENT_DETAILS.rawOrigin).textContent).toBe(
      "Translated from an OpenTelemetry span sent over OTLP/HTTP (JSON).",
    );
    expect(within(panel).getByRole("heading", { name: /X-Ray document/ })).toBeDefined();
    expect(within(panel).getByRole("button", { name: "Copy the document as JSON" })).toBeDefined();
    const span = within(panel).getByTestId(SEGMENT_DETAILS.sourceSpan);
    expect(within(span).getByRole("heading", { name: /Source span/ })).toBeDefined();
    expect(
      within(span).getByRole("button", { name: "Copy the source span as JSON" }),
    ).toBeDefined();
    expect(within(span).getByTestId(EXPLAIN.button).dataset.topic).toBe("otel-translation");
    const tree = within(span).getByTestId(SEGMENT_DETAILS.sourceSpanTree).textContent ?? "";
    for (const text of ["GET inventory", "client", sid("a"), "cart.id", "service.name", "retry"]) {
      expect(tree).toContain(text);
    }
    expect(JSON.parse(screen.getByTestId(SEGMENT_DETAILS.rawJson).textContent ?? "")).toMatchObject(
      { name: "inventory", namespace: "remote" },
    );
  });

  it("says where a document without a span came from, and nothing more", () => {
    show(xrayTrace, `?node=${sid("b")}&tab=raw`);
    const panel = screen.getByTestId(SEGMENT_DETAILS.tabpanel);
    expect(within(panel).getByTestId(SEGMENT_DETAILS.rawOrigin).textContent).toBe(
      "Sent by an X-Ray SDK: a JSON datagram on the daemon's UDP port.",
    );
    expect(within(panel).queryByTestId(SEGMENT_DETAILS.sourceSpan)).toBeNull();
    expect(within(panel).getByRole("heading", { name: /^Document/ })).toBeDefined();
  });
});
