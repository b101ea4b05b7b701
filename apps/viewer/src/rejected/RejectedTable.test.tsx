// @vitest-environment happy-dom

import { cleanup, render, screen } from "@testing-library/react";
import type { RejectionSample } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import { REJECTED } from "./RejectedPage.markers.ts";
import { RejectedTable } from "./RejectedTable.tsx";

afterEach(cleanup);

const hostile =
  '{"format":"json","version":1}\\n<img src=x onerror="window.hacked=1"><script>alert(1)</script>';

const rejection: RejectionSample = {
  receivedAt: "2026-11-26T11:00:00.000Z",
  from: "127.0.0.1:40000",
  size: 2048,
  reason: "not-json",
  message: "<b>Unexpected token</b> < in JSON at position 0",
  preview: hostile,
};

describe("RejectedTable", () => {
  it("shows a hostile preview and message as text, creating no element from them", () => {
    const { container } = render(
      <RejectedTable rejections={[rejection]} now={Date.parse(rejection.receivedAt) + 5000} />,
    );
    const preview = screen.getByTestId(REJECTED.preview);
    expect(preview.textContent).toBe(hostile);
    expect(preview.children).toHaveLength(0);
    expect(container.querySelector("img, script, b")).toBeNull();
    expect(screen.getByText(rejection.message)).toBeTruthy();
  });

  it("shows when, from whom, how large and why", () => {
    render(
      <RejectedTable rejections={[rejection]} now={Date.parse(rejection.receivedAt) + 5000} />,
    );
    const row = screen.getByTestId(REJECTED.row);
    expect(row.textContent).toContain("5s ago");
    expect(row.textContent).toContain("127.0.0.1:40000");
    expect(row.textContent).toContain("2.00 KiB");
    expect(row.getAttribute("data-reason")).toBe("not-json");
  });
});
