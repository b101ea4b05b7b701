// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AUTH } from "./Auth.markers.ts";
import { AuthGate } from "./AuthGate.tsx";
import { AUTH_LOST_EVENT } from "./auth-state.ts";
import { SessionStatus } from "./SessionStatus.tsx";

const TOKEN = "right-token-0123456789";

let required: boolean;
let signedIn: boolean;
let calls: string[];

beforeEach(() => {
  required = true;
  signedIn = false;
  calls = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? "GET"} ${path}`);
    if (path === "/api/auth/session") {
      return Response.json({ required, signedIn: !required || signedIn });
    }
    if (path === "/api/auth/login") {
      const { token } = JSON.parse(String(init.body)) as { token: string };
      if (token !== TOKEN) {
        return Response.json(
          { error: { code: "AUTH_INVALID", message: "that is not this sandbox's token" } },
          { status: 401 },
        );
      }
      signedIn = true;
      return Response.json({ required: true, signedIn: true });
    }
    if (path === "/api/auth/logout") {
      signedIn = false;
      return Response.json({ required: true, signedIn: false });
    }
    return Response.json({ error: { code: "NOT_FOUND", message: path } }, { status: 404 });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderGate() {
  render(
    <AuthGate>
      <SessionStatus />
      <p>the viewer</p>
    </AuthGate>,
  );
}

describe("AuthGate", () => {
  it("shows the viewer at once when the sandbox asks for no token, with no signed-in state", async () => {
    required = false;
    renderGate();
    await screen.findByText("the viewer");
    expect(screen.queryByTestId(AUTH.status)).toBeNull();
    expect(screen.queryByTestId(AUTH.page)).toBeNull();
  });

  it("asks a shared sandbox's token on a labelled, focused field before showing anything", async () => {
    renderGate();
    const input = await screen.findByLabelText("Token");
    expect(input.getAttribute("type")).toBe("password");
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(screen.queryByText("the viewer")).toBeNull();
  });

  it("says a wrong token is wrong, in an alert tied to the field, and keeps the page", async () => {
    renderGate();
    const input = await screen.findByLabelText("Token");
    fireEvent.change(input, { target: { value: "wrong-token-0000000000" } });
    fireEvent.click(screen.getByTestId(AUTH.submit));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("not this sandbox's token");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain("auth-error");
    expect(screen.queryByText("the viewer")).toBeNull();
  });

  it("asks for something to be typed before calling the sandbox", async () => {
    renderGate();
    await screen.findByLabelText("Token");
    fireEvent.click(screen.getByTestId(AUTH.submit));
    expect((await screen.findByRole("alert")).textContent).toContain("Enter the sandbox's token");
    expect(calls).not.toContain("POST /api/auth/login");
  });

  it("goes back to the sign-in page when a data request finds the sign-in gone (a new token)", async () => {
    signedIn = true;
    renderGate();
    await screen.findByText("the viewer");
    signedIn = false;
    window.dispatchEvent(new Event(AUTH_LOST_EVENT));
    await screen.findByLabelText("Token");
    expect(screen.queryByText("the viewer")).toBeNull();
  });

  it("keeps the viewer when a later check cannot reach the sandbox (it is restarting)", async () => {
    signedIn = true;
    renderGate();
    await screen.findByText("the viewer");
    let asked = false;
    vi.stubGlobal("fetch", async () => {
      asked = true;
      throw new TypeError("Failed to fetch");
    });
    window.dispatchEvent(new Event(AUTH_LOST_EVENT));
    await waitFor(() => expect(asked).toBe(true));
    // The failed check settles on the next turn; the viewer must still be there after it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getByText("the viewer")).toBeTruthy();
    expect(screen.queryByTestId(AUTH.unreachable)).toBeNull();
  });

  it("says so, with a way to try again, when the sandbox does not answer at first", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    renderGate();
    const message = await screen.findByTestId(AUTH.unreachable);
    expect(message.textContent).toContain("Failed to fetch");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("shows the viewer signed in after the right token, and the sign-in page again after sign-out", async () => {
    renderGate();
    fireEvent.change(await screen.findByLabelText("Token"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByTestId(AUTH.submit));
    await screen.findByText("the viewer");
    expect(screen.getByTestId(AUTH.status).textContent).toBe("Signed in");
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByLabelText("Token");
    expect(calls).toContain("POST /api/auth/logout");
  });
});
