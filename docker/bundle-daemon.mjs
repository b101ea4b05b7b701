/**
 * Bundles the daemon's command line (its TypeScript, the workspace packages it imports and
 * its npm dependencies) into one ES module that plain Node runs, so the runtime image needs
 * neither tsx nor node_modules. Uses the esbuild that tsx pins in the lockfile.
 *
 *   node docker/bundle-daemon.mjs [OUTFILE]   (default packages/daemon/dist/cli.mjs)
 *
 * Keep OUTFILE two levels under the repository (as packages/daemon/src/cli.ts is): the daemon
 * finds its package.json and the built viewer relative to its own file.
 */

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const fromDaemon = createRequire(`${root}packages/daemon/package.json`);
const { build } = createRequire(fromDaemon.resolve("tsx/package.json"))("esbuild");

await build({
  entryPoints: [`${root}packages/daemon/src/cli.ts`],
  outfile: process.argv[2] ?? `${root}packages/daemon/dist/cli.mjs`,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // CommonJS dependencies (pino, ws, commander) call require(); give the bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // ws loads these native speed-ups only when installed.
  external: ["bufferutil", "utf-8-validate"],
  legalComments: "none",
  logLevel: "warning",
});
