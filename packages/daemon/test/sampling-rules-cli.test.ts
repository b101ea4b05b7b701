import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";

const daemonDir = fileURLToPath(new URL("..", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "xray-sandbox-rules-"));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function rulesFile(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

function startCli(args: string[]) {
  // In memory: test processes share this working directory, and must not share a data dir.
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--in-memory", ...args], {
    cwd: daemonDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const output = { stdout: "", stderr: "" };
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    output.stdout += text;
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    output.stderr += text;
  });
  const exited = once(child, "close").then(([code]) => code as number | null);
  /** The daemon's URL, once its startup line is out. */
  const url = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /HTTP (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout?.on("data", check);
      check();
      exited.then(() => reject(new Error(`exited early:\n${output.stdout}\n${output.stderr}`)));
    });
  return { child, output, exited, url };
}

const baseArgs = ["-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "--log-format", "pretty"];

describe("xray-sandbox --sampling-rules", () => {
  it("serves the rules from the file to SDKs", async () => {
    const path = rulesFile("rules.json", {
      SamplingRules: [
        { RuleName: "skip-health", Priority: 1, FixedRate: 0, URLPath: "/health" },
        { RuleName: "Default", FixedRate: 0.5 },
      ],
    });
    const cli = startCli([...baseArgs, "--sampling-rules", path]);
    const response = await fetch(`${await cli.url()}/GetSamplingRules`, {
      method: "POST",
      body: "{}",
    });
    const body = (await response.json()) as {
      SamplingRuleRecords: { SamplingRule: { RuleName: string; FixedRate: number } }[];
    };
    expect(
      body.SamplingRuleRecords.map(({ SamplingRule: rule }) => [rule.RuleName, rule.FixedRate]),
    ).toEqual([
      ["skip-health", 0],
      ["Default", 0.5],
    ]);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("refuses an invalid file with one line naming the rule and the field, exit code 2", async () => {
    const path = rulesFile("bad.json", [
      { RuleName: "skip-health", Priority: 1, FixedRate: 0 },
      { RuleName: "checkout", Priority: 2, FixedRate: 5 },
    ]);
    const cli = startCli([...baseArgs, "--sampling-rules", path]);
    expect(await cli.exited).toBe(2);
    expect(cli.output.stdout).toBe("");
    expect(cli.output.stderr).toBe(
      `xray-sandbox: sampling rules ${path}: rule 2 ("checkout"): "FixedRate" must be a number between 0 and 1\n`,
    );
  });

  it("refuses a file that is not JSON with one line", async () => {
    const path = rulesFile("broken.json", "[\n  { RuleName: oops }\n]\n");
    const cli = startCli([...baseArgs, "--sampling-rules", path]);
    expect(await cli.exited).toBe(2);
    expect(cli.output.stderr).toMatch(
      new RegExp(`^xray-sandbox: sampling rules ${path}: not valid JSON: [^\\n]+\\n$`),
    );
  });
});
