import { describe, expect, it } from "vitest";
import { rewriteDeclarationImports } from "./declarations.ts";

describe("rewriteDeclarationImports", () => {
  const source = [
    'import { type A } from "./a.ts";',
    'export type { B } from "../b/b.ts";',
    "export { c } from './c.ts';",
    'type D = import("./d.ts").D;',
    'import type { E } from "xray-sandbox";',
    'declare module "vitest" {}',
    'export declare const note = "see ./notes.ts";',
  ].join("\n");

  it("points relative imports at the ES module build", () => {
    expect(rewriteDeclarationImports(source, ".js").split("\n")).toEqual([
      'import { type A } from "./a.js";',
      'export type { B } from "../b/b.js";',
      "export { c } from './c.js';",
      'type D = import("./d.js").D;',
      'import type { E } from "xray-sandbox";',
      'declare module "vitest" {}',
      'export declare const note = "see ./notes.ts";',
    ]);
  });

  it("points relative imports at the CommonJS build", () => {
    expect(rewriteDeclarationImports(source, ".cjs")).toContain('from "./a.cjs";');
    expect(rewriteDeclarationImports(source, ".cjs")).toContain('import("./d.cjs")');
  });
});
