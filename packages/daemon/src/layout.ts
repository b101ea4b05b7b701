/**
 * Where the daemon's own files are: the one definition of the package's layout, read by the
 * daemon at run time and by the release build (`scripts/release/`).
 *
 * Everything is found from the package folder, the parent of this module's folder: `src/`
 * when TypeScript runs it (tsx, vitest), `dist/` once built (the tarball, the container
 * image). The build writes one `.js` (ES module) and one `.cjs` (CommonJS) file per source
 * file, mirroring `src/`, so this module is `dist/layout.js|.cjs` there and finds the package
 * folder the same way.
 *
 *   package folder          from source (workspace)          built (tarball, image)
 *   ├─ package.json         read for the version             read for the version
 *   ├─ src/cli.ts           the CLI                          -
 *   ├─ src/index.ts         the library                      -
 *   ├─ src/ingest/udp-worker.ts  the UDP receive worker        -
 *   ├─ dist/cli.js          -                                the CLI (`bin`)
 *   ├─ dist/ingest/udp-worker.js -                           the UDP receive worker
 *   ├─ dist/index.js|.cjs   -                                the library (import | require)
 *   ├─ dist/*.d.ts|.d.cts   -                                its declarations
 *   └─ viewer/              -                                the built viewer
 *
 * From source the viewer is the workspace's build, `apps/viewer/dist` (`pnpm build`).
 */

import { fileURLToPath } from "node:url";

/** A module the package runs on its own: a program, the library, or a worker thread's script. */
export interface EntryPoint {
  /** The file name without extension, in `src/` (`.ts`) and in `dist/` (`.js`, `.cjs`). */
  readonly module: string;
  /** `program`: started by `node` (gets a `#!` line); `worker`: started with `new Worker()`. */
  readonly kind: "program" | "library" | "worker";
  /** Whether a CommonJS build is written besides the ES module (for `require()` callers). */
  readonly commonJs: boolean;
}

/**
 * Every entry point the build writes. A worker thread's script is added here (kind `worker`)
 * and started with `new Worker(entryFile("name"))`.
 */
export const ENTRY_POINTS = {
  cli: { module: "cli", kind: "program", commonJs: false },
  library: { module: "index", kind: "library", commonJs: true },
  udpWorker: { module: "ingest/udp-worker", kind: "worker", commonJs: false },
} as const satisfies Record<string, EntryPoint>;

export type EntryPointName = keyof typeof ENTRY_POINTS;

/** The folder with the built modules and their declarations, relative to the package folder. */
export const BUILT_DIR = "dist";
/** The built viewer inside the package, relative to the package folder. */
export const PACKED_VIEWER_DIR = "viewer";

/** The built file of a module, relative to the package folder: `dist/<module>.js|.cjs`. */
export function builtFile(module: string, format: "esm" | "cjs"): string {
  return `${BUILT_DIR}/${module}.${format === "esm" ? "js" : "cjs"}`;
}

/** The declaration file of a module, relative to the package folder. */
export function typesFile(module: string, format: "esm" | "cjs"): string {
  return `${BUILT_DIR}/${module}.${format === "esm" ? "d.ts" : "d.cts"}`;
}

const here = import.meta.url;

/** True when this module is the TypeScript source (tsx, vitest), false when it is built. */
export const RUNS_FROM_SOURCE = /\.[cm]?tsx?$/.test(new URL(here).pathname);

/** The package folder (absolute, no trailing separator). */
export const PACKAGE_DIR = fileURLToPath(new URL("..", here)).replace(/[\\/]$/, "");

/** The package's package.json. */
export const MANIFEST_FILE = fileURLToPath(new URL("../package.json", here));

/** The built viewer the daemon serves at `/` unless told otherwise (`--viewer-dir`). */
export const VIEWER_DIR = RUNS_FROM_SOURCE
  ? fileURLToPath(new URL("../../../apps/viewer/dist", here))
  : fileURLToPath(new URL(`../${PACKED_VIEWER_DIR}`, here));

/** The file that runs an entry point here: its `.ts` source from source, its ES module once built. */
export function entryFile(name: EntryPointName): string {
  const { module } = ENTRY_POINTS[name];
  return fileURLToPath(
    new URL(RUNS_FROM_SOURCE ? `../src/${module}.ts` : `../${builtFile(module, "esm")}`, here),
  );
}
