// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, expect, it } from "vitest";
import { NotFoundPage } from "./NotFoundPage.tsx";

afterEach(cleanup);

it("names the missing path and links back to the trace list", () => {
  const router = createMemoryRouter([{ path: "*", element: <NotFoundPage /> }], {
    initialEntries: ["/nowhere"],
  });
  render(<RouterProvider router={router} />);
  expect(screen.getByRole("heading").textContent).toBe("Nothing at /nowhere");
  expect(screen.getByRole("link", { name: "Back to the trace list" }).getAttribute("href")).toBe(
    "/",
  );
});
