// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, expect, it, vi } from "vitest";
import { MapDetailsPanel } from "./MapDetailsPanel.tsx";
import type { PanelSubject } from "./panel-subject.ts";
import { SERVICE_MAP_PANEL } from "./ServiceMap.markers.ts";

afterEach(cleanup);

const subject: PanelSubject = {
  kind: "service",
  title: "orders-api",
  subtitle: "AWS::ECS::Container",
  filter: 'service("orders-api")',
  statistics: {
    counts: { ok: 119, error: 0, throttle: 0, fault: 3 },
    requests: 122,
    averageLatency: undefined,
    percentiles: { P50: 0.05, P90: 0.12, P99: 0.9 },
    histogram: [
      { Value: 0.05, Count: 100 },
      { Value: 0.12, Count: 20 },
      { Value: 0.9, Count: 2 },
    ],
  },
};

function renderPanel(shown: PanelSubject | undefined, onClose = vi.fn()) {
  const opener = document.createElement("button");
  document.body.append(opener);
  opener.focus();
  const router = createMemoryRouter(
    [{ path: "/map", element: <MapDetailsPanel subject={shown} onClose={onClose} /> }],
    { initialEntries: ["/map"] },
  );
  render(<RouterProvider router={router} />);
  return { opener, onClose };
}

it("shows the numbers, takes the focus and closes with Escape", () => {
  const { onClose } = renderPanel(subject);
  const title = screen.getByTestId(SERVICE_MAP_PANEL.title);
  expect(document.activeElement).toBe(title);
  expect(screen.getByTestId(SERVICE_MAP_PANEL.requests).textContent).toContain("122 requests");
  const fault = screen
    .getByTestId(SERVICE_MAP_PANEL.outcomes)
    .querySelector('tr[data-outcome="fault"]');
  expect([...(fault?.querySelectorAll("td") ?? [])].map((cell) => cell.textContent)).toEqual([
    "3",
    "2.5 %",
  ]);
  expect(
    screen.getByTestId(SERVICE_MAP_PANEL.percentiles).querySelector('[data-percentile="p99"] dd')
      ?.textContent,
  ).toBe("900 ms");
  const links = screen.getAllByTestId(SERVICE_MAP_PANEL.link);
  expect(links.map((link) => link.textContent)).toEqual([
    "All its traces",
    "With a fault",
    "p90 or slower",
  ]);
  expect(links[1]?.getAttribute("href")).toBe(
    `/?${new URLSearchParams({ filter: 'service("orders-api") { fault }' })}`,
  );
  fireEvent.keyDown(document, { key: "Escape" });
  expect(onClose).toHaveBeenCalledTimes(1);
});

it("gives the focus back to what opened it when it closes", () => {
  const { opener } = renderPanel(subject);
  expect(document.activeElement).not.toBe(opener);
  cleanup();
  expect(document.activeElement).toBe(opener);
});

it("says so when the selected service is no longer on the map", () => {
  renderPanel(undefined);
  expect(screen.getByTestId(SERVICE_MAP_PANEL.title).textContent).toBe("No longer on the map");
  expect(screen.queryByTestId(SERVICE_MAP_PANEL.percentiles)).toBeNull();
});
