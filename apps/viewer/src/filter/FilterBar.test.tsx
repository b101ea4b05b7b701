// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FILTER_BAR } from "./FilterBar.markers.ts";
import { FilterBar } from "./FilterBar.tsx";
import { RECENT_FILTERS_KEY, type RecentStorage } from "./recent-filters.ts";

afterEach(cleanup);

function memoryStorage(recent: string[] = []): RecentStorage & { read(): unknown } {
  const items: Record<string, string> = { [RECENT_FILTERS_KEY]: JSON.stringify(recent) };
  return {
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => {
      items[key] = value;
    },
    read: () => JSON.parse(items[RECENT_FILTERS_KEY] ?? "null"),
  };
}

function setup(value = "", recent: string[] = []) {
  const onSubmit = vi.fn();
  const storage = memoryStorage(recent);
  render(<FilterBar value={value} onSubmit={onSubmit} storage={storage} />);
  const input = screen.getByTestId(FILTER_BAR.input) as HTMLInputElement;
  const type = (text: string) =>
    fireEvent.change(input, { target: { value: text, selectionStart: text.length } });
  const key = (name: string) => fireEvent.keyDown(input, { key: name });
  return { onSubmit, storage, input, type, key };
}

describe("FilterBar", () => {
  it("shows the parser's message and underlines the offending text as you type", () => {
    const { type, input } = setup();
    type('http.status = "500"');
    expect(screen.getByTestId(FILTER_BAR.error).textContent).toMatch(/number/);
    expect(screen.getByTestId(FILTER_BAR.underline).textContent).toBe('"500"');
    expect(input.getAttribute("aria-invalid")).toBe("true");

    type("http.status = 500");
    expect(screen.getByTestId(FILTER_BAR.error).textContent).toBe("");
    expect(screen.queryByTestId(FILTER_BAR.underline)).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBe("false");
  });

  it("marks the place where something is missing", () => {
    const { type } = setup();
    type("fault AND");
    const marker = screen.getByTestId(FILTER_BAR.underline);
    expect(marker.textContent).toBe("");
    expect(marker.previousSibling?.textContent).toBe("fault AND");
  });

  it("applies a valid filter on Enter and remembers it", () => {
    const { type, key, onSubmit, storage } = setup("", ["error"]);
    type("  fault ");
    key("Enter");
    expect(onSubmit).toHaveBeenCalledWith("fault");
    expect(storage.read()).toEqual(["fault", "error"]);
  });

  it("does not apply an invalid filter", () => {
    const { type, key, onSubmit } = setup();
    type("fault AND (");
    key("Enter");
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId(FILTER_BAR.error).textContent).not.toBe("");
  });

  it("offers recent filters on Arrow Down and applies the one chosen", () => {
    const { key, onSubmit } = setup("", ["fault", "error"]);
    key("ArrowDown");
    const options = screen.getAllByTestId(FILTER_BAR.suggestion);
    expect(options.map((option) => option.textContent)).toEqual(["fault", "error"]);
    expect(options[0]?.getAttribute("aria-selected")).toBe("true");
    key("ArrowDown");
    key("Enter");
    expect(onSubmit).toHaveBeenCalledWith("error");
  });

  it("completes a keyword with Tab", () => {
    const { type, key, input } = setup();
    type("fault AND respon");
    expect(screen.getAllByTestId(FILTER_BAR.suggestion).map((item) => item.textContent)).toEqual([
      "responsetime",
    ]);
    key("Tab");
    expect(input.value).toBe("fault AND responsetime");
    expect(screen.getByTestId(FILTER_BAR.suggestions).hidden).toBe(true);
  });

  it("goes back to the filter in force on Escape, and Clear removes it", () => {
    const { type, key, input, onSubmit } = setup("fault");
    type("error");
    key("Escape");
    expect(input.value).toBe("fault");
    fireEvent.click(screen.getByTestId(FILTER_BAR.clear));
    expect(onSubmit).toHaveBeenCalledWith("");
  });
});
