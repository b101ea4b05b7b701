/**
 * Declarations for the built modules: `tsc -b` over the packages' `tsconfig.build.json`
 * (project references, so a package's declarations import its dependencies by name), then,
 * beside every `x.d.ts`, an `x.d.cts` for `require()` callers. TypeScript keeps the `.ts`
 * of the sources' relative imports; they are rewritten to the built files' names.
 */

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";

const RELATIVE_TS_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*)(["'])(\.\.?\/[^"']*?)\.ts\2/g;

/** Points a declaration's relative imports at `.js` (ES module) or `.cjs` (CommonJS) files. */
export function rewriteDeclarationImports(text: string, extension: ".js" | ".cjs"): string {
  return text.replace(
    RELATIVE_TS_SPECIFIER,
    (_match, keyword: string, quote: string, path: string) =>
      `${keyword}${quote}${path}${extension}${quote}`,
  );
}

/** Runs `tsc -b --force` over the given tsconfig files; throws with tsc's output on errors. */
export function emitDeclarations(tsconfigs: readonly string[], cwd: string): void {
  const tsc = createRequire(join(cwd, "package.json")).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-b", "--force", ...tsconfigs], {
    cwd,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    throw new Error(`tsc -b failed:\n${run.stdout}${run.stderr}`);
  }
}

/** Rewrites every `.d.ts` under `dir` and writes its `.d.cts` twin; returns how many. */
export function finishDeclarations(dir: string): number {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) =>
    path.endsWith(".d.ts"),
  );
  for (const file of files) {
    const path = join(dir, file.split(sep).join("/"));
    const text = readFileSync(path, "utf8");
    writeFileSync(path, rewriteDeclarationImports(text, ".js"));
    writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), rewriteDeclarationImports(text, ".cjs"));
  }
  return files.length;
}
