// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mapEdgeTestId, mapNodeTestId } from "./ServiceMap.markers.ts";
import { ServiceMapCanvas } from "./ServiceMapCanvas.tsx";
import type { MapGraph, MapStatistics } from "./service-map-model.ts";

afterEach(cleanup);

const statistics: MapStatistics = {
  counts: { ok: 3, error: 0, throttle: 0, fault: 1 },
  requests: 4,
  averageLatency: undefined,
  percentiles: undefined,
  histogram: [],
};

const graph: MapGraph = {
  services: [
    {
      id: "service|api",
      name: "api",
      type: "service",
      inferred: false,
      root: true,
      statistics,
      filter: 'service("api")',
    },
    {
      id: "Database::SQL|db",
      name: "db",
      type: "Database::SQL",
      inferred: true,
      root: false,
      statistics,
      filter: 'service("db")',
    },
  ],
  edges: [
    {
      id: "service|api->Database::SQL|db",
      from: "service|api",
      to: "Database::SQL|db",
      statistics,
      filter: 'edge("api", "db")',
    },
  ],
};

describe("ServiceMapCanvas", () => {
  it("draws each service as a focusable button named after it", () => {
    render(<ServiceMapCanvas graph={graph} onOpenService={vi.fn()} onOpenEdge={vi.fn()} />);
    const api = screen.getByTestId(mapNodeTestId("api"));
    expect(api.getAttribute("tabindex")).toBe("0");
    expect(api.getAttribute("role")).toBe("button");
    expect(api.getAttribute("aria-label")).toContain("api");
    expect(api.getAttribute("aria-label")).toContain("3 ok, 1 fault");
    expect(screen.getByTestId(mapNodeTestId("db")).getAttribute("aria-label")).toContain(
      "inferred",
    );
  });

  it("opens a service with Enter as with a click, and an edge through its label", () => {
    const onOpenService = vi.fn();
    const onOpenEdge = vi.fn();
    render(
      <ServiceMapCanvas graph={graph} onOpenService={onOpenService} onOpenEdge={onOpenEdge} />,
    );
    fireEvent.keyDown(screen.getByTestId(mapNodeTestId("db")), { key: "Enter" });
    expect(onOpenService).toHaveBeenCalledWith(graph.services[1]);
    fireEvent.click(screen.getByTestId(mapNodeTestId("api")));
    expect(onOpenService).toHaveBeenLastCalledWith(graph.services[0]);

    const edge = screen.getByTestId(mapEdgeTestId("api", "db"));
    fireEvent.keyDown(edge, { key: "Enter" });
    expect(onOpenEdge).toHaveBeenCalledWith(graph.edges[0]);
  });

  it("splits an edge's line by outcome and says the mix in its label", () => {
    render(<ServiceMapCanvas graph={graph} onOpenService={vi.fn()} onOpenEdge={vi.fn()} />);
    const lines = [...document.querySelectorAll(".map-edge .map-edge-line")];
    expect(lines.map((line) => line.getAttribute("class"))).toEqual([
      "map-edge-line map-edge-line-fault",
      "map-edge-line map-edge-line-ok",
    ]);
    expect(screen.getByTestId(mapEdgeTestId("api", "db")).getAttribute("aria-label")).toContain(
      "4 requests: 3 ok, 1 fault (25 %)",
    );
  });

  it("marks the selected node as pressed", () => {
    render(
      <ServiceMapCanvas
        graph={graph}
        selectedId="service|api"
        onOpenService={vi.fn()}
        onOpenEdge={vi.fn()}
      />,
    );
    expect(screen.getByTestId(mapNodeTestId("api")).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId(mapNodeTestId("db")).getAttribute("aria-pressed")).toBe("false");
  });

  it("puts services before edges in the Tab order, callers first", () => {
    render(<ServiceMapCanvas graph={graph} onOpenService={vi.fn()} onOpenEdge={vi.fn()} />);
    const focusable = [...document.querySelectorAll('[tabindex="0"]')].map((el) =>
      el.getAttribute("data-testid"),
    );
    expect(focusable).toEqual([
      mapNodeTestId("api"),
      mapNodeTestId("db"),
      mapEdgeTestId("api", "db"),
    ]);
  });
});
