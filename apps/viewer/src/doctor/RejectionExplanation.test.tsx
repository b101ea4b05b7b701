// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DOCTOR } from "./Doctor.markers.ts";
import { RejectionExplanation } from "./RejectionExplanation.tsx";

afterEach(cleanup);

describe("RejectionExplanation", () => {
  it("explains an oversized datagram with the streaming threshold of each SDK", () => {
    render(<RejectionExplanation code="oversized" />);
    const details = screen.getByTestId(DOCTOR.rejectionWhy);
    expect(details.dataset.code).toBe("oversized");
    expect(details.textContent).not.toContain("Message too long");
    (details as HTMLDetailsElement).open = true;
    fireEvent(details, new Event("toggle"));
    expect(details.textContent).toContain("Message too long");
    expect(details.textContent).toContain("setStreamingThreshold");
  });

  it("shows nothing for a rejection from a daemon that sent no code", () => {
    render(<RejectionExplanation code={undefined} />);
    expect(screen.queryByTestId(DOCTOR.rejectionWhy)).toBeNull();
  });
});
