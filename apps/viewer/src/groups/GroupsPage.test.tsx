// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GROUPS } from "./GroupsPage.markers.ts";
import { GroupsPage } from "./GroupsPage.tsx";

interface Call {
  path: string;
  body: unknown;
}

let groups: { GroupName: string; GroupARN: string; FilterExpression?: string }[];
let calls: Call[];

beforeEach(() => {
  groups = [
    { GroupName: "Default", GroupARN: "arn:default" },
    { GroupName: "faults", GroupARN: "arn:faults", FilterExpression: "fault" },
  ];
  calls = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ path, body });
    if (path === "/DeleteGroup") {
      groups = groups.filter((g) => g.GroupName !== (body as { GroupName: string }).GroupName);
      return new Response("{}");
    }
    return new Response(JSON.stringify({ Groups: groups }));
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage() {
  const router = createMemoryRouter([{ path: "/groups", element: <GroupsPage /> }], {
    initialEntries: ["/groups"],
  });
  render(<RouterProvider router={router} />);
}

async function row(name: string): Promise<HTMLElement> {
  const found = await waitFor(() => {
    const match = screen
      .getAllByTestId(GROUPS.row)
      .find((element) => element.getAttribute("data-group-name") === name);
    if (!match) throw new Error(`no row for ${name}`);
    return match;
  });
  return found;
}

describe("GroupsPage", () => {
  it("links every group to its traces and its map; Default cannot be edited or deleted", async () => {
    renderPage();
    const defaultRow = await row("Default");
    expect(within(defaultRow).getByTestId(GROUPS.showTraces).getAttribute("href")).toBe(
      "/?group=Default",
    );
    expect(within(defaultRow).queryByTestId(GROUPS.delete)).toBeNull();
    expect(within(defaultRow).queryByTestId(GROUPS.edit)).toBeNull();

    const faults = await row("faults");
    expect(within(faults).getByTestId(GROUPS.showMap).getAttribute("href")).toBe(
      "/map?group=faults",
    );
    expect(faults.textContent).toContain("fault");
  });

  it("deletes a group only after a second, explicit confirmation", async () => {
    renderPage();
    fireEvent.click(within(await row("faults")).getByTestId(GROUPS.delete));
    expect(calls.some((call) => call.path === "/DeleteGroup")).toBe(false);

    fireEvent.click(within(await row("faults")).getByTestId(GROUPS.confirmDelete));
    await waitFor(() =>
      expect(screen.getAllByTestId(GROUPS.row).map((r) => r.dataset.groupName)).toEqual([
        "Default",
      ]),
    );
    expect(calls.find((call) => call.path === "/DeleteGroup")?.body).toEqual({
      GroupName: "faults",
    });
  });
});
