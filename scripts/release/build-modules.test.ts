import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildModules, releasedSources } from "./build-modules.ts";
import { REPO_ROOT } from "./released-packages.ts";

const DAEMON_SRC = join(REPO_ROOT, "packages/daemon/src");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), "xray-sandbox-build-"));
  made.push(dir);
  writeFileSync(join(dir, "package.json"), '{"type":"module"}\n');
  return dir;
}

/** What the built layout module says, loaded by plain Node as `import` or `require` would. */
function builtLayout(packageDir: string, format: "esm" | "cjs"): Record<string, unknown> {
  const script =
    format === "esm"
      ? `const layout = await import(${JSON.stringify(join(packageDir, "dist/layout.js"))});`
      : `const layout = require(${JSON.stringify(join(packageDir, "dist/layout.cjs"))});`;
  const output = execFileSync(
    process.execPath,
    [
      ...(format === "esm" ? ["--input-type=module"] : []),
      "-e",
      `${script} console.log(JSON.stringify({ packageDir: layout.PACKAGE_DIR, fromSource: layout.RUNS_FROM_SOURCE, viewer: layout.VIEWER_DIR, manifest: layout.MANIFEST_FILE, cli: layout.entryFile("cli"), library: layout.entryFile("library") }));`,
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(output) as Record<string, unknown>;
}

describe("buildModules", () => {
  it("builds the daemon so its layout finds the package folder from dist/, in both formats", async () => {
    const pkg = tempPackage();
    await buildModules(DAEMON_SRC, join(pkg, "dist"), "esm");
    await buildModules(DAEMON_SRC, join(pkg, "dist"), "cjs");
    const expected = {
      packageDir: pkg,
      fromSource: false,
      viewer: join(pkg, "viewer"),
      manifest: join(pkg, "package.json"),
      cli: join(pkg, "dist/cli.js"),
      library: join(pkg, "dist/index.js"),
    };
    expect(builtLayout(pkg, "esm")).toEqual(expected);
    expect(builtLayout(pkg, "cjs")).toEqual(expected);
  });

  it("writes one file per source file, importing the other built files", async () => {
    const pkg = tempPackage();
    const esm = await buildModules(DAEMON_SRC, join(pkg, "dist"), "esm");
    const cjs = await buildModules(DAEMON_SRC, join(pkg, "dist"), "cjs");
    expect(esm).toContain("http/routes/viewer.js");
    expect(cjs).toContain("http/routes/viewer.cjs");
    expect(esm.length).toBe(releasedSources(DAEMON_SRC).length);
    const index = readFileSync(join(pkg, "dist/index.js"), "utf8");
    expect(index).toMatch(/from "\.\/daemon\.js"/);
    // The model stays a dependency, imported by name, never copied in.
    const all = esm.map((file) => readFileSync(join(pkg, "dist", file), "utf8")).join("\n");
    expect(all).toMatch(/from "@xray-sandbox\/segments"/);
    expect(all).not.toMatch(/packages\/segments\/src/);
    expect(readFileSync(join(pkg, "dist/index.cjs"), "utf8")).toMatch(
      /require\("\.\/daemon\.cjs"\)/,
    );
  });

  it("refuses a relative import that does not name its .ts file", async () => {
    const pkg = tempPackage();
    mkdirSync(join(pkg, "src"));
    writeFileSync(join(pkg, "src/index.ts"), 'export { x } from "./x";\n');
    writeFileSync(join(pkg, "src/x.ts"), "export const x = 1;\n");
    await expect(buildModules(join(pkg, "src"), join(pkg, "dist"), "esm")).rejects.toThrow(
      /relative import "\.\/x" must name its \.ts file/,
    );
  });
});

describe("releasedSources", () => {
  it("leaves out tests and test support", () => {
    const sources = releasedSources(join(REPO_ROOT, "packages/segments/src")).map((path) =>
      path.slice(REPO_ROOT.length),
    );
    expect(sources).toContain("packages/segments/src/index.ts");
    expect(sources).toContain("packages/segments/src/filter/parser.ts");
    expect(
      sources.filter((path) => path.includes(".test.") || path.includes("test-support")),
    ).toEqual([]);
  });
});
