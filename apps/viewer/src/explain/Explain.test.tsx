// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { EXPLAIN } from "./Explain.markers.ts";
import { Explain } from "./Explain.tsx";
import { EXPLAIN_TOPICS, EXPLANATIONS } from "./explanations.ts";

afterEach(cleanup);

describe("Explain", () => {
  it("opens the topic's explanation on click and closes it with Escape", () => {
    render(<Explain topic="error-fault-throttle" />);
    const button = screen.getByRole("button", { name: "Explain: Error, throttle and fault" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByTestId(EXPLAIN.popover)).toBeNull();

    fireEvent.click(button);
    const popover = screen.getByTestId(EXPLAIN.popover);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-controls")).toBe(popover.id);
    expect(popover.textContent).toContain("HTTP 429");

    fireEvent.keyDown(button, { key: "Escape" });
    expect(screen.queryByTestId(EXPLAIN.popover)).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("closes when the user clicks elsewhere, but not inside the explanation", () => {
    render(
      <div>
        <Explain topic="in-progress" />
        <p>elsewhere</p>
      </div>,
    );
    fireEvent.click(screen.getByTestId(EXPLAIN.button));
    fireEvent.pointerDown(screen.getByTestId(EXPLAIN.popover));
    expect(screen.queryByTestId(EXPLAIN.popover)).not.toBeNull();
    fireEvent.pointerDown(screen.getByText("elsewhere"));
    expect(screen.queryByTestId(EXPLAIN.popover)).toBeNull();
  });

  it("does not let the click reach the element it sits in", () => {
    let rowClicks = 0;
    render(
      // biome-ignore lint/a11y/useKeyWithClickEvents: a stand-in for a clickable row
      // biome-ignore lint/a11y/noStaticElementInteractions: a stand-in for a clickable row
      <div onClick={() => rowClicks++}>
        <Explain topic="sampling" />
      </div>,
    );
    fireEvent.click(screen.getByTestId(EXPLAIN.button));
    expect(rowClicks).toBe(0);
  });

  it("has a title and some text for every topic", () => {
    for (const topic of EXPLAIN_TOPICS) {
      const explanation = EXPLANATIONS[topic];
      expect(explanation.title.length, topic).toBeGreaterThan(0);
      expect(explanation.body.join("").length, topic).toBeGreaterThan(40);
    }
  });
});
