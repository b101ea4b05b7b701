import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Builds the viewer the daemon serves (`pnpm --filter @xray-sandbox/viewer build`), with its
 * output on this terminal. Resolves with an error message when the build could not run or failed.
 */
export function buildViewer(signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn("pnpm", ["--filter", "@xray-sandbox/viewer", "build"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      signal,
    });
    child.once("error", (error: NodeJS.ErrnoException) => {
      if (error.name === "AbortError") resolve(undefined);
      else if (error.code === "ENOENT") {
        resolve("pnpm is not on the PATH: run the demo with `pnpm demo` from the repository");
      } else resolve(`could not run the viewer build: ${error.message}`);
    });
    child.once("exit", (code, exitSignal) => {
      if (code === 0 || signal.aborted) resolve(undefined);
      else
        resolve(
          `the viewer build failed (${exitSignal ?? `exit code ${code}`}); its output is above`,
        );
    });
  });
}
