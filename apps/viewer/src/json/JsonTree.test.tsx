// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JSON_TREE } from "./JsonTree.markers.ts";
import { JsonTree } from "./JsonTree.tsx";

const writeText = vi.fn<(text: string) => Promise<void>>();

beforeEach(() => {
  writeText.mockReset();
  writeText.mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});
afterEach(cleanup);

function node(path: string): HTMLElement {
  const found = screen
    .getAllByTestId(JSON_TREE.node)
    .find((element) => element.getAttribute("data-path") === path);
  if (!found) throw new Error(`no node at ${path}`);
  return found;
}

describe("JsonTree", () => {
  const profile = {
    profile: { name: "Ada", roles: ["admin", "ops"], address: { city: { name: "X" } } },
  };

  it("opens the first levels and collapses deeper ones until clicked", () => {
    render(<JsonTree value={profile} expandDepth={2} />);
    expect(node("profile.name").textContent).toContain('"Ada"');
    expect(node("profile.roles").textContent).toContain("[2 items]");
    expect(screen.queryByText('"admin"')).not.toBeNull();
    expect(node("profile.address").textContent).toContain("{1 key}");
    const city = within(node("profile.address.city")).getByTestId(JSON_TREE.toggle);
    expect(city.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText('"X"')).toBeNull();

    fireEvent.click(city);
    expect(city.getAttribute("aria-expanded")).toBe("true");
    expect(screen.queryByText('"X"')).not.toBeNull();

    fireEvent.click(within(node("profile")).getAllByTestId(JSON_TREE.toggle)[0] as HTMLElement);
    expect(screen.queryByText('"Ada"')).toBeNull();
  });

  it("copies one value, or the whole root, as JSON", async () => {
    render(<JsonTree value={profile.profile} rootLabel="default" />);
    const roles = within(node("roles")).getAllByTestId(JSON_TREE.copy)[0] as HTMLElement;
    fireEvent.click(roles);
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(JSON.parse(writeText.mock.calls[0]?.[0] ?? "")).toEqual(["admin", "ops"]);
    await waitFor(() => expect(roles.textContent).toBe("Copied"));

    fireEvent.click(screen.getByRole("button", { name: "Copy default as JSON" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(JSON.parse(writeText.mock.calls[1]?.[0] ?? "")).toEqual(profile.profile);
  });

  it("shows hostile strings as text, never as markup", () => {
    const hostile = {
      img: "<img src=x onerror=alert(1)>",
      "<b>key</b>": "<script>alert(2)</script>",
    };
    const { container } = render(<JsonTree value={hostile} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(node("img").textContent).toContain('"<img src=x onerror=alert(1)>"');
    expect(node("<b>key</b>").textContent).toContain("<b>key</b>");
    expect(node("<b>key</b>").textContent).toContain('"<script>alert(2)</script>"');
  });

  it("pages long arrays and cuts long strings, with buttons to see the rest", () => {
    const items = Array.from({ length: 250 }, (_, index) => index);
    render(<JsonTree value={{ items, text: "a".repeat(1000) }} />);
    const list = node("items");
    expect(within(list).getAllByTestId(JSON_TREE.node)).toHaveLength(100);
    fireEvent.click(within(list).getByTestId(JSON_TREE.more));
    expect(within(list).getAllByTestId(JSON_TREE.node)).toHaveLength(200);
    expect(within(list).getByTestId(JSON_TREE.more).textContent).toBe("Show 50 more of 50");

    expect(node("text").textContent).not.toContain("a".repeat(1000));
    fireEvent.click(within(node("text")).getByRole("button", { name: /show all 1002 characters/ }));
    expect(node("text").textContent).toContain("a".repeat(1000));
  });
});
