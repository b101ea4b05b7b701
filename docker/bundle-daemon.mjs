/**
 * Bundles the daemon's command line (its TypeScript, the workspace packages it imports and
 * its npm dependencies) into one ES module that plain Node runs, so the runtime image needs
 * neither tsx nor node_modules, and its UDP receive worker into `udp-worker.mjs` beside it
 * (where `src/ingest/worker-entry.ts` looks for it). Uses the esbuild that tsx pins in the
 * lockfile.
 *
 *   node docker/bundle-daemon.mjs [OUTFILE]   (default apps/daemon/dist/cli.mjs)
 *
 * Keep OUTFILE two levels under the repository (as apps/daemon/src/cli.ts is): the daemon
 * finds its package.json and the built viewer relative to its own file.
 */

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const fromDaemon = createRequire(`${root}apps/daemon/package.json`);
const { build } = createRequire(fromDaemon.resolve("tsx/package.json"))("esbuild");

const outfile = process.argv[2] ?? `${root}apps/daemon/dist/cli.mjs`;
const common = {
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
};
await build({ ...common, entryPoints: [`${root}apps/daemon/src/cli.ts`], outfile });
await build({
  ...common,
  entryPoints: [`${root}apps/daemon/src/ingest/udp-worker.ts`],
  outfile: join(dirname(outfile), "udp-worker.mjs"),
});
