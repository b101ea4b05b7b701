/**
 * `pnpm pack:release`: builds the viewer and the three public packages, and writes their
 * tarballs to `release/`:
 *
 *   1. the viewer (`apps/viewer/dist`, Vite);
 *   2. each package's `dist/`: ES modules and CommonJS (esbuild), declarations (tsc);
 *   3. the viewer copied into `packages/daemon/viewer/`, the root LICENSE into each package;
 *   4. `pnpm pack` of each (which applies `publishConfig` and turns `workspace:*` into the
 *      version), then each tarball's name and size.
 */

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { PACKED_VIEWER_DIR } from "../../packages/daemon/src/layout.ts";
import { buildModules } from "./build-modules.ts";
import { emitDeclarations, finishDeclarations } from "./declarations.ts";
import {
  publishedFields,
  RELEASED_PACKAGES,
  REPO_ROOT,
  type ReleasedPackage,
  tarballName,
} from "./released-packages.ts";

const RELEASE_DIR = join(REPO_ROOT, "release");
const VIEWER_BUILD = join(REPO_ROOT, "apps/viewer/dist");

function step(message: string): void {
  process.stdout.write(`pack:release: ${message}\n`);
}

function run(command: string, args: readonly string[], cwd = REPO_ROOT): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.error !== undefined) {
    throw new Error(`${command} ${args.join(" ")} could not start: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
}

function readVersion(pkg: ReleasedPackage): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, pkg.dir, "package.json"), "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string") {
    throw new Error(`${pkg.dir}/package.json has no version`);
  }
  return manifest.version;
}

/** Every file `publishConfig` points at must be in the built package. */
function checkPublishedFiles(pkg: ReleasedPackage): void {
  const { bin, exports } = publishedFields(pkg);
  const targets = [
    ...Object.values(bin ?? {}),
    ...Object.values(exports).flatMap((target) =>
      typeof target === "string"
        ? [target]
        : [
            target.import.types,
            target.import.default,
            target.require.types,
            target.require.default,
          ],
    ),
  ];
  const missing = targets.filter((target) => !existsSync(join(REPO_ROOT, pkg.dir, target)));
  if (missing.length > 0) {
    throw new Error(`${pkg.name}: the build did not write ${missing.join(", ")}`);
  }
}

async function buildPackages(): Promise<void> {
  for (const pkg of RELEASED_PACKAGES) {
    const dir = join(REPO_ROOT, pkg.dir);
    rmSync(join(dir, "dist"), { recursive: true, force: true });
    const esm = await buildModules(join(dir, "src"), join(dir, "dist"), "esm");
    const cjs = await buildModules(join(dir, "src"), join(dir, "dist"), "cjs");
    step(`${pkg.name}: ${esm.length} ES modules, ${cjs.length} CommonJS modules`);
  }
  emitDeclarations(
    RELEASED_PACKAGES.map((pkg) => join(pkg.dir, "tsconfig.build.json")),
    REPO_ROOT,
  );
  for (const pkg of RELEASED_PACKAGES) {
    const count = finishDeclarations(join(REPO_ROOT, pkg.dir, "dist"));
    step(`${pkg.name}: ${count} declaration files (.d.ts and .d.cts)`);
    if (pkg.withViewer) {
      const target = join(REPO_ROOT, pkg.dir, PACKED_VIEWER_DIR);
      rmSync(target, { recursive: true, force: true });
      // Source maps stay out: they are most of the viewer's size, and no user needs them.
      cpSync(VIEWER_BUILD, target, { recursive: true, filter: (path) => !path.endsWith(".map") });
    }
    cpSync(join(REPO_ROOT, "LICENSE"), join(REPO_ROOT, pkg.dir, "LICENSE"));
    checkPublishedFiles(pkg);
  }
}

interface Tarball {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

function packTarballs(): Tarball[] {
  rmSync(RELEASE_DIR, { recursive: true, force: true });
  mkdirSync(RELEASE_DIR, { recursive: true });
  return RELEASED_PACKAGES.map((pkg) => {
    run("pnpm", ["pack", "--pack-destination", RELEASE_DIR], join(REPO_ROOT, pkg.dir));
    const name = tarballName(pkg.name, readVersion(pkg));
    const path = join(RELEASE_DIR, name);
    if (!existsSync(path)) throw new Error(`pnpm pack did not write ${path}`);
    return { name, path, bytes: statSync(path).size };
  });
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

async function main(): Promise<void> {
  step("building the viewer");
  run("pnpm", ["--filter", "@xray-sandbox/viewer", "build"]);
  if (!existsSync(join(VIEWER_BUILD, "index.html"))) {
    throw new Error(`the viewer build wrote no ${join(VIEWER_BUILD, "index.html")}`);
  }
  await buildPackages();
  const tarballs = packTarballs();
  step(`tarballs in ${RELEASE_DIR}:`);
  for (const { name, bytes } of tarballs) {
    process.stdout.write(`  ${name.padEnd(40)} ${formatSize(bytes).padStart(10)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `pack:release failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
