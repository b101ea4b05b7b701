// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN } from "./Origin.markers.ts";
import { OriginBadge, OriginBadges } from "./OriginBadge.tsx";

afterEach(cleanup);

describe("OriginBadge", () => {
  it("shows a short label, says who sent it to screen readers, and explains it in a tooltip", () => {
    render(<OriginBadge channel="otlp-grpc" />);
    const badge = screen.getByRole("img", { name: "sent by OpenTelemetry over OTLP/gRPC" });
    expect(badge.dataset.channel).toBe("otlp-grpc");
    expect(badge.getAttribute("title")).toMatch(/OTLP\/gRPC/);
    expect(within(badge).getByTestId(ORIGIN.label).textContent).toBe("OTLP/gRPC");
    expect(within(badge).getByTestId(ORIGIN.short).textContent).toBe("gRPC");
    expect(badge.className).toContain("origin-otel");
  });

  it("colours X-Ray channels apart from OpenTelemetry ones", () => {
    render(<OriginBadge channel="xray-sdk" />);
    const badge = screen.getByRole("img", { name: "sent by an X-Ray SDK over UDP" });
    expect(badge.className).toContain("origin-xray");
    expect(badge.className).not.toContain("origin-badge-compact");
  });
});

describe("OriginBadges", () => {
  it("shows one badge per channel of a mixed trace, in the order given", () => {
    render(<OriginBadges channels={["xray-sdk", "otlp-http", "adot-udp"]} compact />);
    const badges = screen.getAllByTestId(ORIGIN.badge);
    expect(badges.map((badge) => badge.dataset.channel)).toEqual([
      "xray-sdk",
      "otlp-http",
      "adot-udp",
    ]);
    expect(badges.every((badge) => badge.className.includes("origin-badge-compact"))).toBe(true);
    expect(screen.getByRole("img", { name: "sent by ADOT over UDP" })).toBeDefined();
    expect(screen.queryByTestId(ORIGIN.unsampled)).toBeNull();
  });

  it("marks spans sent unsampled, with their count", () => {
    render(<OriginBadges channels={["adot-udp"]} unsampled={2} />);
    const marker = screen.getByTestId(ORIGIN.unsampled);
    expect(marker.dataset.count).toBe("2");
    expect(marker.textContent).toContain("unsampled");
    expect(marker.textContent).toContain("2 spans were sent unsampled");
    expect(marker.getAttribute("title")).toMatch(/T1U/);
  });

  it("marks a whole trace as unsampled where no count is known", () => {
    render(<OriginBadges channels={["adot-udp"]} unsampled="all" />);
    const marker = screen.getByTestId(ORIGIN.unsampled);
    expect(marker.textContent).toContain("every span was sent unsampled");
  });

  it("shows nothing for a trace whose origins are not known", () => {
    render(<OriginBadges channels={[]} />);
    expect(screen.queryAllByTestId(ORIGIN.badge)).toHaveLength(0);
  });
});
