import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliCommand, parseCommandLine } from "./cli-options.ts";
import { defaultConfig } from "./config.ts";

const context = { version: "1.2.3", isTTY: false };

function run(command: CliCommand) {
  if (command.kind !== "run") throw new Error(`expected to run, got ${JSON.stringify(command)}`);
  return command;
}

function exit(command: CliCommand) {
  if (command.kind !== "exit") throw new Error(`expected to exit, got ${JSON.stringify(command)}`);
  return command;
}

describe("parseCommandLine", () => {
  it("runs with the defaults when given no flags", () => {
    expect(run(parseCommandLine([], context))).toEqual({
      kind: "run",
      config: {
        ...defaultConfig,
        dataDir: resolve(".xray-sandbox"),
        otlpHttp: { host: "localhost", port: 4318 },
        otlpGrpc: { host: "localhost", port: 4317 },
      },
      logFormat: "json",
      warnings: [],
    });
  });

  it("reads every flag, short and long", () => {
    const command = run(
      parseCommandLine(
        [
          "-b",
          "0.0.0.0:3000",
          "-t",
          "[::1]:0",
          "-l",
          "dev",
          "--max-traces",
          "5",
          "--max-bytes",
          "1GiB",
          "--keep-unsampled",
          "--unsampled-max-traces",
          "50",
          "--unsampled-max-bytes=4MiB",
          "--max-rejected=0",
          "--log-format",
          "pretty",
          "--allow-origin",
          "http://localhost:5173",
          "--allow-origin",
          "HTTP://127.0.0.1:8080/",
          "--allow-host",
          "xray",
          "--allow-host=Sandbox:2000",
          "--viewer-dir",
          "some/dir",
          "--data-dir",
          "some/data",
          "--max-age",
          "36h",
          "--forward",
          "udp:collector:2000",
          "--otlp-http",
          "0",
          "--otlp-grpc=off",
          "--otlp-index-all-attributes",
        ],
        context,
      ),
    );
    expect(command).toEqual({
      kind: "run",
      config: {
        udp: { host: "0.0.0.0", port: 3000 },
        tcp: { host: "::1", port: 0 },
        logLevel: "trace",
        maxTraces: 5,
        maxBytes: 1024 ** 3,
        keepUnsampled: true,
        unsampledMaxTraces: 50,
        unsampledMaxBytes: 4 * 1024 ** 2,
        maxRejected: 0,
        allowOrigins: ["http://localhost:5173", "http://127.0.0.1:8080"],
        allowHosts: ["xray", "sandbox:2000"],
        viewerDir: resolve("some/dir"),
        dataDir: resolve("some/data"),
        maxAgeMs: 36 * 3_600_000,
        forwardTo: ["udp:collector:2000"],
        otlpHttp: { host: "localhost", port: 0 },
        otlpIndexAllAttributes: true,
        allowRemote: false,
        allowRemoteWithoutToken: false,
      },
      logFormat: "pretty",
      warnings: [],
    });
  });

  it("refuses an OTLP address that is neither off, a port nor HOST:PORT", () => {
    expect(exit(parseCommandLine(["--otlp-http", "nowhere"], context)).stderr).toMatch(
      /^xray-sandbox: --otlp-http: "nowhere" is not HOST:PORT/,
    );
  });

  it("logs as text on a terminal unless told otherwise", () => {
    expect(run(parseCommandLine([], { ...context, isTTY: true })).logFormat).toBe("pretty");
    expect(
      run(parseCommandLine(["--log-format", "json"], { ...context, isTTY: true })).logFormat,
    ).toBe("json");
  });

  it("prints the version and exits 0", () => {
    for (const flag of ["-v", "--version"]) {
      expect(exit(parseCommandLine([flag], context))).toEqual({
        kind: "exit",
        code: 0,
        stdout: "1.2.3\n",
        stderr: "",
      });
    }
  });

  it("prints help listing every flag and exits 0", () => {
    const command = exit(parseCommandLine(["--help"], context));
    expect(command.code).toBe(0);
    for (const flag of [
      "--bind",
      "--bind-tcp",
      "--log-level",
      "--log-format",
      "--max-traces",
      "--max-bytes",
      "--max-rejected",
      "--keep-unsampled",
      "--unsampled-max-traces",
      "--unsampled-max-bytes",
      "--allow-origin",
      "--allow-host",
      "--viewer-dir",
      "--data-dir",
      "--in-memory",
      "--max-age",
      "--forward",
      "--version",
    ]) {
      expect(command.stdout).toContain(flag);
    }
    expect(command.stdout).toMatch(/xray-sandbox import FILE \[--skip-invalid\] \[--url URL\]/);
    expect(command.stdout).toMatch(/xray-sandbox export .*\[--url URL\]/);
  });

  it("refuses an unknown flag with one line and exit code 2", () => {
    const command = exit(parseCommandLine(["--bnid", "127.0.0.1:0"], context));
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^xray-sandbox: unknown option '--bnid'.*--help\)\n$/);
    expect(command.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses extra arguments and a missing flag value", () => {
    expect(exit(parseCommandLine(["serve"], context)).code).toBe(2);
    const missing = exit(parseCommandLine(["--bind"], context));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--bind");
  });

  it("names a malformed address", () => {
    expect(exit(parseCommandLine(["--bind", "127.0.0.1"], context))).toEqual({
      kind: "exit",
      code: 2,
      stdout: "",
      stderr: 'xray-sandbox: --bind: "127.0.0.1" is not HOST:PORT (e.g. 127.0.0.1:2000)\n',
    });
  });

  it("names a bad number or size", () => {
    expect(exit(parseCommandLine(["--max-traces", "lots"], context)).stderr).toBe(
      'xray-sandbox: --max-traces: "lots" is not a whole number\n',
    );
    expect(exit(parseCommandLine(["--max-bytes", "9XB"], context)).stderr).toMatch(
      /^xray-sandbox: --max-bytes: "9XB" is not a size/,
    );
    expect(exit(parseCommandLine(["--unsampled-max-traces", "0"], context)).stderr).toBe(
      "xray-sandbox: --unsampled-max-traces: must be at least 1, got 0\n",
    );
    expect(exit(parseCommandLine(["--unsampled-max-bytes", "lots"], context)).stderr).toMatch(
      /^xray-sandbox: --unsampled-max-bytes: "lots" is not a size/,
    );
    expect(exit(parseCommandLine(["--log-format", "xml"], context)).stderr).toMatch(
      /^xray-sandbox: .*'xml' is invalid/,
    );
  });

  it("names an origin or host name it cannot use", () => {
    expect(exit(parseCommandLine(["--allow-origin", "localhost:5173"], context)).stderr).toBe(
      'xray-sandbox: --allow-origin: "localhost:5173" is not an origin: expected scheme://host[:port] with no path, e.g. http://localhost:5173\n',
    );
    expect(
      exit(parseCommandLine(["--allow-origin", "http://localhost:5173/app"], context)).code,
    ).toBe(2);
    expect(exit(parseCommandLine(["--allow-host", "http://xray"], context)).stderr).toBe(
      'xray-sandbox: --allow-host: "http://xray" is not a host name: expected NAME or NAME:PORT, e.g. xray or xray:2000\n',
    );
  });

  it("keeps nothing on disk with --in-memory, and refuses flags that need a data dir with it", () => {
    expect(run(parseCommandLine(["--in-memory"], context)).config.dataDir).toBeUndefined();
    expect(exit(parseCommandLine(["--in-memory", "--data-dir", "d"], context)).stderr).toBe(
      "xray-sandbox: --in-memory: give --in-memory or --data-dir, not both\n",
    );
    expect(exit(parseCommandLine(["--in-memory", "--max-age", "1h"], context)).code).toBe(2);
  });

  it("names a bad duration or forward target", () => {
    expect(exit(parseCommandLine(["--max-age", "24"], context)).stderr).toMatch(
      /^xray-sandbox: --max-age: "24" is not a duration/,
    );
    expect(exit(parseCommandLine(["--forward", "tcp:collector:2000"], context)).stderr).toMatch(
      /^xray-sandbox: --forward: "tcp:collector:2000": tcp: is not a forward protocol/,
    );
  });

  it("takes several --forward targets, in order", () => {
    const command = run(
      parseCommandLine(
        [
          "--forward",
          "udp:xray:2000",
          "--forward",
          "otlp-http://jaeger:4318",
          "--forward",
          "otlp-grpc://tempo:4317",
        ],
        context,
      ),
    );
    expect(command.config.forwardTo).toEqual([
      "udp:xray:2000",
      "otlp-http://jaeger:4318",
      "otlp-grpc://tempo:4317",
    ]);
  });

  it("reads XRAY_SANDBOX_FORWARD when no --forward is given, and checks it the same way", () => {
    const fromEnv = { ...context, forwardFromEnv: " otlp-http://jaeger:4318, udp:xray:2000 " };
    expect(run(parseCommandLine([], fromEnv)).config.forwardTo).toEqual([
      "otlp-http://jaeger:4318",
      "udp:xray:2000",
    ]);
    expect(run(parseCommandLine(["--forward", "udp:a:1"], fromEnv)).config.forwardTo).toEqual([
      "udp:a:1",
    ]);
    expect(
      run(parseCommandLine([], { ...context, forwardFromEnv: "" })).config.forwardTo,
    ).toBeUndefined();
    expect(exit(parseCommandLine([], { ...context, forwardFromEnv: "jaeger" })).code).toBe(2);
  });
});
