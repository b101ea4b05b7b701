// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { Seconds, TraceDistributionBody } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LATENCY_CHART } from "./LatencyChart.markers.ts";
import { LatencyChart } from "./LatencyChart.tsx";

afterEach(cleanup);

const seconds = (value: number) => value as Seconds;

const DISTRIBUTION: TraceDistributionBody = {
  total: 12,
  timed: 11,
  scanned: 40,
  scale: "log",
  bins: [
    { from: seconds(0.01), to: seconds(0.02), count: 8 },
    { from: seconds(0.02), to: seconds(0.05), count: 0 },
    { from: seconds(0.05), to: seconds(0.1), count: 3 },
  ],
  percentiles: { p50: seconds(0.012), p90: seconds(0.06), p99: seconds(0.09) },
  min: seconds(0.011),
  max: seconds(0.09),
  points: [
    {
      traceId: "1-6b0c0000-000000000000000000000001" as never,
      receivedAt: 1_000 as never,
      responseTime: seconds(0.09),
      outcome: "fault",
    },
  ],
  pointsSampled: true,
};

function renderChart(distribution: TraceDistributionBody | undefined, onBrush = vi.fn()) {
  const router = createMemoryRouter(
    [
      {
        path: "/",
        element: (
          <LatencyChart
            distribution={distribution}
            loading={false}
            error={undefined}
            onBrush={onBrush}
          />
        ),
      },
    ],
    { initialEntries: ["/"] },
  );
  render(<RouterProvider router={router} />);
  return onBrush;
}

describe("LatencyChart", () => {
  it("shows the percentiles and the counts", () => {
    renderChart(DISTRIBUTION);
    const summary = screen.getByTestId(LATENCY_CHART.summary);
    expect(summary.textContent).toContain("p50 12.0 ms");
    expect(summary.textContent).toContain("p99 90.0 ms");
    expect(summary.textContent).toContain("11 of 12 matching timed · 40 kept");
  });

  it("has a named button per bin that narrows to its range with Enter", () => {
    const onBrush = renderChart(DISTRIBUTION);
    const bars = screen.getAllByTestId(LATENCY_CHART.bar);
    expect(bars).toHaveLength(3);
    expect(bars[2]?.getAttribute("aria-label")).toBe("3 traces from 50.0 ms to 100 ms");
    fireEvent.keyDown(bars[2] as Element, { key: "Enter" });
    expect(onBrush).toHaveBeenCalledWith(0.05, 0.1);
  });

  it("is one tab stop, on the slowest bar with traces; arrows move between bars", () => {
    const onBrush = renderChart(DISTRIBUTION);
    const bars = screen.getAllByTestId(LATENCY_CHART.bar);
    expect(bars.map((bar) => bar.getAttribute("tabindex"))).toEqual(["-1", "-1", "0"]);
    (bars[2] as unknown as HTMLElement).focus();
    fireEvent.keyDown(bars[2] as Element, { key: "Home" });
    fireEvent.keyDown(document.activeElement as Element, { key: "Enter" });
    expect(onBrush).toHaveBeenCalledWith(0.01, 0.02);
  });

  it("shows response time over time as a second mode, one dot per point", () => {
    renderChart(DISTRIBUTION);
    fireEvent.click(screen.getByTestId(LATENCY_CHART.scatterMode));
    expect(screen.getByTestId(LATENCY_CHART.scatterMode).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getAllByTestId(LATENCY_CHART.point)).toHaveLength(1);
    expect(screen.queryAllByTestId(LATENCY_CHART.bar)).toHaveLength(0);
  });

  it("says what it waits for when nothing is timed", () => {
    renderChart({ ...DISTRIBUTION, timed: 0, bins: [], points: [] });
    expect(screen.getByTestId(LATENCY_CHART.empty).textContent).toMatch(/No finished request/);
  });
});
