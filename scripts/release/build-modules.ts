/**
 * Compiles a package's TypeScript to JavaScript with esbuild, one output file per source
 * file (mirroring `src/` in `dist/`): ES modules (`.js`) and, for packages `require()` loads,
 * CommonJS (`.cjs`). Relative imports are rewritten to the built files (`./x.ts` becomes
 * `./x.js` or `./x.cjs`), and bare imports (dependencies, `node:*`) are left to Node, so no
 * module is ever copied into two files.
 */

import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

export type ModuleFormat = "esm" | "cjs";

/** The files of `src/` that ship: TypeScript that is neither a test nor test support. */
export function releasedSources(srcDir: string): string[] {
  return readdirSync(srcDir, { recursive: true, encoding: "utf8" })
    .map((path) => path.split(sep).join("/"))
    .filter(
      (path) =>
        path.endsWith(".ts") &&
        !path.endsWith(".test.ts") &&
        !path.endsWith(".d.ts") &&
        !path.split("/").includes("test-support"),
    )
    .sort()
    .map((path) => join(srcDir, path));
}

/** Keeps every relative import an import, of the file the same build writes for it. */
function relativeImportsToBuiltFiles(extension: ".js" | ".cjs"): Plugin {
  return {
    name: "relative-imports-to-built-files",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (!args.path.endsWith(".ts")) {
          return {
            errors: [
              {
                text: `relative import "${args.path}" must name its .ts file (in ${args.importer})`,
              },
            ],
          };
        }
        return { path: `${args.path.slice(0, -".ts".length)}${extension}`, external: true };
      });
    },
  };
}

/**
 * CommonJS has no `import.meta`: a module that reads `import.meta.url` gets its own file URL
 * from `__filename` instead, so code that finds files next to itself (the daemon's layout)
 * works the same in both formats.
 */
const COMMONJS_IMPORT_META_URL = fileURLToPath(
  new URL("./commonjs-import-meta-url.js", import.meta.url),
);

/** Writes `outDir/<path>.js` (or `.cjs`) for every released source file of `srcDir`. */
export async function buildModules(
  srcDir: string,
  outDir: string,
  format: ModuleFormat,
): Promise<string[]> {
  const sources = releasedSources(srcDir);
  const extension = format === "esm" ? ".js" : ".cjs";
  const result = await build({
    entryPoints: sources,
    outbase: srcDir,
    outdir: outDir,
    outExtension: { ".js": extension },
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20.19",
    format,
    plugins: [relativeImportsToBuiltFiles(extension)],
    ...(format === "cjs"
      ? { inject: [COMMONJS_IMPORT_META_URL], define: { "import.meta.url": "__importMetaUrl" } }
      : {}),
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  return Object.keys(result.metafile.outputs).map((path) => relative(outDir, path));
}
