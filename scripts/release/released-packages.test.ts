import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedFields, RELEASED_PACKAGES, REPO_ROOT, tarballName } from "./released-packages.ts";

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  repository?: { directory?: string };
  files?: string[];
  bin?: Record<string, string>;
  exports?: Record<string, string>;
  publishConfig?: { bin?: Record<string, string>; exports?: Record<string, unknown> };
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, dir, "package.json"), "utf8")) as Manifest;
}

describe.each(RELEASED_PACKAGES)("$name", (pkg) => {
  const own = manifest(pkg.dir);

  it("is public, with what a registry expects", () => {
    expect(own.name).toBe(pkg.name);
    expect(own.private).toBeUndefined();
    expect(own.license).toBe("MIT");
    expect(own.engines?.node).toBe(">=20.19.0");
    expect(own.repository?.directory).toBe(pkg.dir);
    expect(own.files).toContain("dist");
    if (pkg.withViewer) expect(own.files).toContain("viewer");
  });

  it("publishes exactly the built files its entries name", () => {
    const fields = publishedFields(pkg);
    expect(own.publishConfig?.exports).toEqual(fields.exports);
    expect(own.publishConfig?.bin).toEqual(fields.bin);
  });

  it("resolves the same subpaths to TypeScript sources in the workspace", () => {
    const published = Object.keys(own.publishConfig?.exports ?? {});
    expect(Object.keys(own.exports ?? {})).toEqual(published);
    for (const entry of pkg.entries.filter((candidate) => candidate.kind === "library")) {
      const subpath = entry.module === "index" ? "." : `./${entry.module}`;
      expect(own.exports?.[subpath]).toBe(`./src/${entry.module}.ts`);
    }
    for (const [name, target] of Object.entries(own.bin ?? {})) {
      expect(own.publishConfig?.bin?.[name]).toBe(
        target.replace(/^\.\/src\/(.*)\.ts$/, "./dist/$1.js"),
      );
    }
  });
});

describe("the released packages", () => {
  it("share one version", () => {
    const versions = new Set(RELEASED_PACKAGES.map((pkg) => manifest(pkg.dir).version));
    expect([...versions]).toEqual(["0.2.0"]);
  });

  it("are named in their tarballs as pnpm pack names them", () => {
    expect(RELEASED_PACKAGES.map((pkg) => tarballName(pkg.name, "0.2.0"))).toEqual([
      "xray-sandbox-segments-0.2.0.tgz",
      "xray-sandbox-0.2.0.tgz",
      "xray-sandbox-testing-0.2.0.tgz",
    ]);
  });
});
