import type { ImportProgressBody, ImportResultBody } from "@xray-sandbox/segments";
import { useEffect, useRef, useState } from "react";
import { requestJson } from "../api/http.ts";
import { countOf } from "../format/count.ts";
import { type ImportBarState, importBarState } from "./import-progress.ts";
import { TRACES_PAGE } from "./TraceList.markers.ts";

/** How often the import's progress is read while it runs. */
export const IMPORT_POLL_MS = 500;

type ImportState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly name: string; readonly bar: ImportBarState }
  | { readonly kind: "done"; readonly message: string }
  | { readonly kind: "failed"; readonly message: string };

/**
 * Sends a file to `POST /api/import` (an export, a segment log, BatchGetTraces JSON) and,
 * while the sandbox receives, checks and stores it, shows its progress from
 * `GET /api/import/progress`.
 */
export function ImportButton({
  pollMs = IMPORT_POLL_MS,
  dropped,
}: {
  pollMs?: number;
  /** A file dropped on the page: imported like one chosen here (`serial` tells drops apart). */
  dropped?: { readonly file: File; readonly serial: number } | undefined;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: "idle" });
  const running = useRef(false);

  const send = async (file: File): Promise<void> => {
    running.current = true;
    setState({ kind: "running", name: file.name, bar: importBarState(null, file.size) });
    let finished = false;
    const poll = async (): Promise<void> => {
      while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (finished) return;
        const body = await requestJson<ImportProgressBody>("/api/import/progress").catch(
          () => undefined,
        );
        if (!finished && body?.running) {
          setState({
            kind: "running",
            name: file.name,
            bar: importBarState(body.import, file.size),
          });
        }
      }
    };
    const polling = poll();
    try {
      const response = await fetch("/api/import", {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body: file,
      });
      const body = (await response.json().catch(() => undefined)) as
        | (Partial<ImportResultBody> & { error?: { message?: string } })
        | undefined;
      finished = true;
      running.current = false;
      if (response.ok && typeof body?.imported === "number") {
        const skipped = body.skipped ?? 0;
        setState({
          kind: "done",
          message: `Imported ${countOf(body.imported, "document")} from ${file.name}${skipped > 0 ? ` (${skipped} skipped)` : ""}`,
        });
      } else {
        setState({
          kind: "failed",
          message: body?.error?.message ?? `the sandbox answered ${response.status}`,
        });
      }
    } catch (failure) {
      finished = true;
      running.current = false;
      setState({
        kind: "failed",
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
    await polling;
  };

  // Keyed by the drop's serial alone: each drop is sent once, even the same file twice.
  useEffect(() => {
    if (!dropped) return;
    if (running.current) {
      setState({
        kind: "failed",
        message: `${dropped.file.name} was dropped while another import runs; drop it again when it is done`,
      });
      return;
    }
    void send(dropped.file);
  }, [dropped?.serial]);

  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        data-testid={TRACES_PAGE.import}
        disabled={state.kind === "running"}
        title="Send an export, a segment log or BatchGetTraces JSON to the daemon"
        onClick={() => input.current?.click()}
      >
        Import…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="File to import"
        data-testid={TRACES_PAGE.importFile}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) void send(file);
        }}
      />
      {state.kind === "running" && (
        <span className="traces-import" data-testid={TRACES_PAGE.importProgress}>
          <span
            className="traces-import-bar"
            role="progressbar"
            aria-label={`Importing ${state.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.bar.percent}
            aria-valuetext={state.bar.text}
          >
            <span className="traces-import-fill" style={{ width: `${state.bar.percent}%` }} />
          </span>
          <span className="traces-import-text">{state.bar.text}</span>
        </span>
      )}
      {state.kind === "done" && (
        <span className="traces-import-text" role="status">
          {state.message}
        </span>
      )}
      {state.kind === "failed" && (
        <span className="traces-clear-error" role="alert">
          Could not import: {state.message}
        </span>
      )}
    </>
  );
}
