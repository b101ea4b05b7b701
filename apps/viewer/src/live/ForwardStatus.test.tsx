// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ForwardStats } from "@xray-sandbox/segments";
import { afterEach, expect, it } from "vitest";
import { FORWARD_STATUS } from "./ForwardStatus.markers.ts";
import { ForwardStatus } from "./ForwardStatus.tsx";

afterEach(cleanup);

function forward(fields: Partial<ForwardStats> & Pick<ForwardStats, "target">): ForwardStats {
  return {
    protocol: "otlp-http",
    unit: "spans",
    sent: 0,
    failed: 0,
    retried: 0,
    dropped: 0,
    queued: 0,
    maxQueued: 8192,
    inFlight: 0,
    lastError: null,
    ...fields,
  };
}

it("shows nothing when not forwarding", () => {
  render(<ForwardStatus forwards={[]} />);
  expect(screen.queryByTestId(FORWARD_STATUS.root)).toBeNull();
});

it("sums up one target by what it sent", () => {
  render(
    <ForwardStatus
      forwards={[forward({ target: "otlp-http://jaeger:4318/v1/traces", sent: 1234 })]}
    />,
  );
  expect(screen.getByTestId(FORWARD_STATUS.summary).textContent).toBe("1,234 spans forwarded");
});

it("lists each target with its own counters and last error, and says which have problems", () => {
  render(
    <ForwardStatus
      forwards={[
        forward({ target: "otlp-http://jaeger:4318/v1/traces", sent: 10, retried: 2 }),
        forward({
          target: "otlp-grpc://tempo:4317",
          protocol: "otlp-grpc",
          failed: 3,
          dropped: 4,
          queued: 5,
          lastError: "gRPC UNAVAILABLE: No connection established",
        }),
        forward({ target: "udp:xray:2000", protocol: "udp", unit: "datagrams", sent: 1 }),
      ]}
    />,
  );
  const summary = screen.getByTestId(FORWARD_STATUS.summary);
  expect(summary.textContent).toBe("Forwarding to 3 targets · 1 with problems");
  fireEvent.click(summary);
  const list = screen.getByRole("list", { name: "Forward targets" });
  const targets = within(list).getAllByTestId(FORWARD_STATUS.target);
  expect(targets.map((target) => target.dataset.target)).toEqual([
    "otlp-http://jaeger:4318/v1/traces",
    "otlp-grpc://tempo:4317",
    "udp:xray:2000",
  ]);
  expect(targets[0]?.textContent).toContain("Sent10 spans");
  expect(targets[0]?.textContent).toContain("Retried requests2");
  expect(targets[1]?.textContent).toContain("Failed3");
  expect(targets[1]?.textContent).toContain("Dropped4");
  expect(targets[1]?.textContent).toContain("Queued5 of 8,192");
  expect(within(targets[1] as HTMLElement).getByTestId(FORWARD_STATUS.error).textContent).toBe(
    "Last error: gRPC UNAVAILABLE: No connection established",
  );
  expect(targets[2]?.textContent).toContain("Sent1 datagram");
  expect(targets[2]?.textContent).not.toContain("Retried");
});
