import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runNode } from "./support/run-process.ts";

interface JsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: Array<{
    specs: Array<{
      title: string;
      ok: boolean;
      tests: Array<{ results: Array<{ parallelIndex: number }> }>;
    }>;
  }>;
}

async function runPlaywright(config: string): Promise<JsonReport> {
  const output = await mkdtemp(join(tmpdir(), "xray-sandbox-playwright-"));
  try {
    const result = await runNode([
      "node_modules/@playwright/test/cli.js",
      "test",
      "-c",
      config,
      "--output",
      output,
      "--reporter=json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as JsonReport;
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}

it("the Playwright fixture runs the example spec to a pass", async () => {
  const report = await runPlaywright("examples/playwright/playwright.config.ts");
  expect(report.stats).toMatchObject({ expected: 2, unexpected: 0, flaky: 0, skipped: 0 });
  expect(report.suites.flatMap((suite) => suite.specs)).toEqual(
    [
      { title: "GET /user records who was looked up", ok: true },
      { title: "each test starts with an empty sandbox", ok: true },
    ].map((spec) => expect.objectContaining(spec)),
  );
});

it("two Playwright workers share one sandbox from globalSetup, each finding its own traces", async () => {
  const report = await runPlaywright("examples/playwright-shared/playwright.config.ts");
  expect(report.stats).toMatchObject({ expected: 4, unexpected: 0, flaky: 0, skipped: 0 });
  const specs = report.suites.flatMap((suite) => suite.specs);
  expect(specs.every((spec) => spec.ok)).toBe(true);
  const workers = new Set(
    specs.flatMap((spec) => spec.tests.flatMap((test) => test.results.map((r) => r.parallelIndex))),
  );
  expect([...workers].sort()).toEqual([0, 1]);
});
