// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { epochMillis, NO_PROBLEMS, type TraceId } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import { DOCTOR } from "./Doctor.markers.ts";
import { ProblemBadge } from "./ProblemBadge.tsx";
import { ProblemsPanel } from "./ProblemsPanel.tsx";

afterEach(cleanup);

const TRACE = "1-6b150ab2-628b6e52f338aace8a26a030" as TraceId;
const START = 0x6b150ab2;

/** What Python SDK 0.95 sends (it always writes `in_progress: false`): a subsegment flagged error by hand. */
const pythonSegment = {
  trace_id: TRACE,
  id: "c6d5da6609d400a4",
  name: "flask-seed",
  start_time: START,
  end_time: START + 0.5,
  in_progress: false,
  subsegments: [
    {
      id: "00000000000000a1",
      name: "charge-card",
      start_time: START + 0.1,
      end_time: START + 0.2,
      in_progress: false,
      error: true,
    },
  ],
};

function traceOf(...documents: object[]) {
  return {
    id: TRACE,
    documents: documents.map((document) => {
      const raw = JSON.stringify(document);
      return { raw, bytes: raw.length, receivedAt: epochMillis(START * 1000) };
    }),
  };
}

describe("ProblemsPanel", () => {
  it("shows each problem with the sender's fix, a ? for why, and a link to its node", () => {
    const selected: string[] = [];
    render(
      <ProblemsPanel
        trace={traceOf(pythonSegment)}
        hasNode={(id) => id === "00000000000000a1"}
        onSelectNode={(id) => selected.push(id)}
      />,
    );
    const item = screen.getByTestId(DOCTOR.problem);
    expect(item.dataset.code).toBe("error-without-cause");
    expect(screen.getByRole("heading", { name: /Problems \(1/ })).toBeTruthy();
    const fix = screen.getByTestId(DOCTOR.fix);
    expect(fix.dataset.sdk).toBe("python");
    expect(fix.textContent).toContain("Fix for the SDK that sent it (Python X-Ray SDK)");

    const why = screen.getByTestId(DOCTOR.why);
    expect(why.hidden).toBe(true);
    const button = screen.getByRole("button", { name: /Why X-Ray behaves this way/ });
    fireEvent.click(button);
    expect(why.hidden).toBe(false);
    expect(button.getAttribute("aria-expanded")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: /Show “charge-card” in the timeline/ }));
    expect(selected).toEqual(["00000000000000a1"]);
  });

  it("says so when there is no problem", () => {
    const clean = { ...pythonSegment, subsegments: [] };
    render(<ProblemsPanel trace={traceOf(clean)} hasNode={() => false} onSelectNode={() => {}} />);
    expect(screen.getByTestId(DOCTOR.empty).textContent).toContain("No problems found");
  });
});

describe("ProblemBadge", () => {
  it("shows the count, the worst severity in words for screen readers, and nothing for none", () => {
    const { rerender } = render(
      <ProblemBadge
        counts={{ total: 3, error: 1, warning: 2, info: 0, codes: ["ends-before-start"] }}
      />,
    );
    const badge = screen.getByTestId(DOCTOR.badge);
    expect(badge.dataset.severity).toBe("error");
    expect(badge.textContent).toContain("3 problems, worst: error");
    rerender(<ProblemBadge counts={NO_PROBLEMS} />);
    expect(screen.queryByTestId(DOCTOR.badge)).toBeNull();
  });
});
