import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ENTRY_POINTS,
  entryFile,
  MANIFEST_FILE,
  PACKAGE_DIR,
  RUNS_FROM_SOURCE,
  VIEWER_DIR,
} from "./layout.ts";

describe("the package layout, from the TypeScript sources", () => {
  it("finds this package's folder and manifest", () => {
    expect(RUNS_FROM_SOURCE).toBe(true);
    expect(MANIFEST_FILE).toBe(join(PACKAGE_DIR, "package.json"));
    const manifest = JSON.parse(readFileSync(MANIFEST_FILE, "utf8")) as { name: string };
    expect(manifest.name).toBe("xray-sandbox");
  });

  it("runs each entry point from its source file", () => {
    for (const name of Object.keys(ENTRY_POINTS) as (keyof typeof ENTRY_POINTS)[]) {
      const file = entryFile(name);
      expect(file).toBe(join(PACKAGE_DIR, "src", `${ENTRY_POINTS[name].module}.ts`));
      expect(existsSync(file)).toBe(true);
    }
  });

  it("serves the workspace's viewer build", () => {
    expect(VIEWER_DIR).toBe(join(PACKAGE_DIR, "..", "..", "apps", "viewer", "dist"));
  });
});
