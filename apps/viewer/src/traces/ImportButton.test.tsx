// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ImportProgress, ImportProgressBody } from "@xray-sandbox/segments";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ImportButton } from "./ImportButton.tsx";
import { TRACES_PAGE } from "./TraceList.markers.ts";

const base: ImportProgress = {
  id: 1,
  phase: "receiving",
  skipInvalid: false,
  startedAt: 0,
  finishedAt: null,
  bytesReceived: 0,
  bytesExpected: null,
  linesChecked: 0,
  documentsApplied: 0,
  documentsTotal: null,
  problems: 0,
  slices: 0,
  message: null,
};

let progress: ImportProgressBody;
let answer: (response: Response) => void;
let posted: { body: unknown } | undefined;

beforeEach(() => {
  progress = { running: true, import: base };
  posted = undefined;
  vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
    if (path === "/api/import/progress") return new Response(JSON.stringify(progress));
    if (path === "/api/import" && init.method === "POST") {
      posted = { body: init.body };
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    }
    return new Response("{}", { status: 404 });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function choose(text: string): void {
  const file = new File([text], "export.ndjson", { type: "application/x-ndjson" });
  fireEvent.change(screen.getByTestId(TRACES_PAGE.importFile), { target: { files: [file] } });
}

describe("ImportButton", () => {
  it("shows the import's phase and progress while it runs, then the result", async () => {
    render(<ImportButton pollMs={5} />);
    const text = "x".repeat(1000);
    choose(text);
    expect(posted?.body).toBeInstanceOf(File);
    expect(screen.getByTestId(TRACES_PAGE.import)).toHaveProperty("disabled", true);

    progress = { running: true, import: { ...base, bytesReceived: 500, linesChecked: 4 } };
    await waitFor(() =>
      expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("50"),
    );
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuemin")).toBe("0");
    expect(bar.getAttribute("aria-valuemax")).toBe("100");
    expect(bar.getAttribute("aria-label")).toBe("Importing export.ndjson");
    expect(bar.getAttribute("aria-valuetext")).toMatch(
      /^Receiving and checking: .* 4 lines checked$/,
    );
    expect(screen.getByTestId(TRACES_PAGE.importProgress).textContent).toContain(
      "Receiving and checking",
    );

    progress = {
      running: true,
      import: { ...base, phase: "applying", documentsApplied: 300, documentsTotal: 1200 },
    };
    await waitFor(() =>
      expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25"),
    );
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
      "Storing 300 of 1,200 documents",
    );
    expect(screen.getByTestId(TRACES_PAGE.importProgress).textContent).toContain(
      "Storing 300 of 1,200 documents",
    );

    answer(new Response(JSON.stringify({ imported: 1200, skipped: 0, errors: [], errorCount: 0 })));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Imported 1,200 documents from export.ndjson",
      ),
    );
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByTestId(TRACES_PAGE.import)).toHaveProperty("disabled", false);
  });

  it("says why the sandbox refused the file", async () => {
    render(<ImportButton pollMs={5} />);
    choose("{oops\n");
    answer(
      new Response(
        JSON.stringify({
          error: { code: "INVALID_IMPORT", message: "line 1: not JSON; nothing was imported" },
          imported: 0,
          skipped: 1,
          errors: [],
          errorCount: 1,
        }),
        { status: 400 },
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Could not import: line 1: not JSON; nothing was imported",
      ),
    );
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("imports a file dropped on the page as one chosen, once per drop", async () => {
    const file = new File(["{}\n"], "dropped.ndjson", { type: "application/x-ndjson" });
    const { rerender } = render(<ImportButton pollMs={5} dropped={{ file, serial: 1 }} />);
    await waitFor(() => expect(posted?.body).toBe(file));
    answer(new Response(JSON.stringify({ imported: 1, skipped: 0, errors: [], errorCount: 0 })));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Imported 1 document from dropped.ndjson",
      ),
    );
    posted = undefined;
    // The same drop rendered again is not sent again; a new drop of the same file is.
    rerender(<ImportButton pollMs={5} dropped={{ file, serial: 1 }} />);
    expect(posted).toBeUndefined();
    rerender(<ImportButton pollMs={5} dropped={{ file, serial: 2 }} />);
    await waitFor(() => expect(posted?.body).toBe(file));
    answer(new Response(JSON.stringify({ imported: 1, skipped: 0, errors: [], errorCount: 0 })));
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  });
});
