import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The repository checkout. */
export const repoRoot = resolve(e2eRoot, "..");

/**
 * The built viewer the daemon serves (`pnpm build`). `XRAY_SANDBOX_VIEWER_DIR` points at
 * another build, e.g. an unminified one whose React errors read in full.
 */
export const viewerDist = resolve(
  process.env.XRAY_SANDBOX_VIEWER_DIR ?? resolve(repoRoot, "apps/viewer/dist"),
);

/** Screenshots and other files a run leaves behind (gitignored). */
export const artifactsDir = resolve(e2eRoot, "artifacts");

/** The screenshots committed for the README. */
export const docsScreenshotsDir = resolve(repoRoot, "docs/screenshots");
