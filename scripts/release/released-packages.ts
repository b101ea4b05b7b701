/**
 * The packages a user installs, in the order they build (each depends only on those before
 * it), and the manifest fields their layout implies.
 */

import { fileURLToPath } from "node:url";
import {
  builtFile,
  ENTRY_POINTS,
  type EntryPoint,
  typesFile,
} from "../../packages/daemon/src/layout.ts";

export interface ReleasedPackage {
  readonly name: string;
  /** Relative to the repository root. */
  readonly dir: string;
  /** The modules a user loads; each `src/<module>.ts` is built with everything it imports. */
  readonly entries: readonly EntryPoint[];
  /** Whether the built viewer goes into the package (as `viewer/`). */
  readonly withViewer: boolean;
}

/** The repository root, with a trailing separator. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const library = (module: string): EntryPoint => ({ module, kind: "library", commonJs: true });

export const RELEASED_PACKAGES: readonly ReleasedPackage[] = [
  {
    name: "@xray-sandbox/segments",
    dir: "packages/segments",
    entries: [library("index")],
    withViewer: false,
  },
  {
    name: "xray-sandbox",
    dir: "packages/daemon",
    entries: Object.values(ENTRY_POINTS),
    withViewer: true,
  },
  {
    name: "@xray-sandbox/testing",
    dir: "packages/testing",
    entries: ["index", "vitest", "jest", "playwright"].map(library),
    withViewer: false,
  },
];

/** `xray-sandbox-testing-0.2.0.tgz` for `@xray-sandbox/testing` 0.2.0, as `pnpm pack` names it. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

type Conditions = {
  readonly import: { readonly types: string; readonly default: string };
  readonly require: { readonly types: string; readonly default: string };
};

export interface PublishedFields {
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, Conditions | string>>;
}

/**
 * What `publishConfig` must hold for the package's entries: a program is the `bin` named
 * after the package; the library `index` is `.`, any other library `./<module>`, each with an
 * ES module and a CommonJS build and their declarations.
 */
export function publishedFields(pkg: ReleasedPackage): PublishedFields {
  const dot = (path: string) => `./${path}`;
  const exports: Record<string, Conditions | string> = {};
  let bin: Record<string, string> | undefined;
  for (const entry of pkg.entries) {
    if (entry.kind === "program") {
      bin = { ...bin, [pkg.name.replace(/^@[^/]+\//, "")]: dot(builtFile(entry.module, "esm")) };
    } else if (entry.kind === "library") {
      exports[entry.module === "index" ? "." : `./${entry.module}`] = {
        import: {
          types: dot(typesFile(entry.module, "esm")),
          default: dot(builtFile(entry.module, "esm")),
        },
        require: {
          types: dot(typesFile(entry.module, "cjs")),
          default: dot(builtFile(entry.module, "cjs")),
        },
      };
    }
  }
  exports["./package.json"] = "./package.json";
  return bin === undefined ? { exports } : { bin, exports };
}
