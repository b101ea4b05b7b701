import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runNode } from "./support/run-process.ts";

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function runNodeTest(file: string) {
  return runNode(["--import", tsxLoader, "--test", "--test-reporter=tap", file]);
}

describe("the helpers under node:test", () => {
  it("run the example suite to a pass", async () => {
    const result = await runNodeTest("examples/node-test/user-trace.test.ts");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("ok 1 - GET /user records who was looked up");
    expect(result.stdout).toContain("# pass 1\n# fail 0");
    expect(result.code).toBe(0);
  });

  it("fail a wrong expectation with exit code 1 and the differences in the report", async () => {
    const result = await runNodeTest("examples/node-test/failing-on-purpose.test.ts");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("not ok 1 - GET /user records another user (it does not)");
    expect(result.stdout).toMatch(
      /subsegment "UserData" in trace 1-[0-9a-f]{8}-[0-9a-f]{24} does not match:\n\s+annotations\.userId: expected "u-43", received "u-42"\n/,
    );
    expect(result.stdout).toMatch(/\n\s+UserData {3}← this one\n/);
    expect(result.stdout).toContain("code: 'TRACE_ASSERTION'");
  });
});
