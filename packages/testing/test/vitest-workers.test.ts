import { expect, it } from "vitest";
import { runNode } from "./support/run-process.ts";

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; status: string }>;
}

it("two vitest workers share one sandbox from globalSetup, each finding its own traces", async () => {
  const result = await runNode([
    "node_modules/vitest/vitest.mjs",
    "run",
    "--config",
    "examples/vitest-shared/vitest.config.ts",
    "--pool=forks",
    "--maxWorkers=2",
    "--reporter=json",
  ]);
  // The JSON report on stdout carries each failed test's message.
  expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
  const report = JSON.parse(result.stdout) as JsonReport;
  expect(report).toMatchObject({ numPassedTests: 5, numFailedTests: 0 });
  expect(
    report.testResults.map(({ name, status }) => [name.split("/").at(-1), status]).sort(),
  ).toEqual([
    ["errors.test.ts", "passed"],
    ["users.test.ts", "passed"],
  ]);
});
