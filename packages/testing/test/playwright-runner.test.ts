import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runNode } from "./support/run-process.ts";

interface JsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: Array<{ specs: Array<{ title: string; ok: boolean }> }>;
}

it("the Playwright fixture runs the example spec to a pass", async () => {
  const output = await mkdtemp(join(tmpdir(), "xray-sandbox-playwright-"));
  try {
    const result = await runNode([
      "node_modules/@playwright/test/cli.js",
      "test",
      "-c",
      "examples/playwright/playwright.config.ts",
      "--output",
      output,
      "--reporter=json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.stats).toMatchObject({ expected: 2, unexpected: 0, flaky: 0, skipped: 0 });
    expect(report.suites.flatMap((suite) => suite.specs)).toEqual(
      [
        { title: "GET /user records who was looked up", ok: true },
        { title: "each test starts with an empty sandbox", ok: true },
      ].map((spec) => expect.objectContaining(spec)),
    );
  } finally {
    await rm(output, { recursive: true, force: true });
  }
});
