import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CliCommand, parseCommandLine } from "../cli-options.ts";

const context = { version: "1.2.3", isTTY: false };
const TOKEN = "0123456789abcdef0123";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tokenFile(text: string, mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), "xray-sandbox-token-"));
  dirs.push(dir);
  const file = join(dir, "token");
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function run(command: CliCommand) {
  if (command.kind !== "run") throw new Error(`expected to run, got ${JSON.stringify(command)}`);
  return command;
}

function stderrOf(command: CliCommand): string {
  if (command.kind !== "exit") throw new Error(`expected to exit, got ${JSON.stringify(command)}`);
  expect(command.code).toBe(2);
  return command.stderr;
}

describe("binding the HTTP port beyond loopback", () => {
  it("is refused without --allow-remote, naming what to add", () => {
    const stderr = stderrOf(parseCommandLine(["--bind-tcp", "0.0.0.0:2000"], context));
    expect(stderr).toContain("--bind-tcp: 0.0.0.0 lets other machines reach the sandbox");
    expect(stderr).toContain("add --allow-remote and a token");
    expect(stderr).toContain("--allow-remote-without-token");
  });

  it("is refused with --allow-remote and no token", () => {
    const stderr = stderrOf(
      parseCommandLine(["--bind-tcp", "0.0.0.0:2000", "--allow-remote"], context),
    );
    expect(stderr).toMatch(/^xray-sandbox: --allow-remote: sharing the sandbox needs a token/);
    expect(stderr).toContain("--auth-token-file FILE");
  });

  it("runs with --allow-remote and a token from a file, env or flag", () => {
    const file = tokenFile(`${TOKEN}\n`, 0o600);
    const fromFile = run(
      parseCommandLine(
        ["--bind-tcp", "0.0.0.0:2000", "--allow-remote", "--auth-token-file", file],
        context,
      ),
    );
    expect(fromFile.config).toMatchObject({ authToken: TOKEN, allowRemote: true });
    expect(fromFile.warnings).toEqual([]);
    const fromEnv = run(
      parseCommandLine(["-t", "[::]:0", "--allow-remote"], {
        ...context,
        env: { XRAY_SANDBOX_AUTH_TOKEN: TOKEN },
      }),
    );
    expect(fromEnv.config.authToken).toBe(TOKEN);
    const fromFlag = run(
      parseCommandLine(["-t", "10.1.2.3:2000", "--allow-remote", "--auth-token", TOKEN], context),
    );
    expect(fromFlag.config.authToken).toBe(TOKEN);
  });

  it("runs with --allow-remote-without-token, and still asks for a token given anyway", () => {
    expect(
      run(parseCommandLine(["-t", "0.0.0.0:2000", "--allow-remote-without-token"], context)).config
        .authToken,
    ).toBeUndefined();
    expect(
      run(
        parseCommandLine(["-t", "0.0.0.0:2000", "--allow-remote-without-token"], {
          ...context,
          env: { XRAY_SANDBOX_AUTH_TOKEN: TOKEN },
        }),
      ).config.authToken,
    ).toBe(TOKEN);
  });

  it("refuses both --allow-remote and --allow-remote-without-token", () => {
    expect(
      stderrOf(parseCommandLine(["--allow-remote", "--allow-remote-without-token"], context)),
    ).toContain("not both");
  });

  it("needs no flag on loopback names, and takes a token there too", () => {
    for (const host of ["127.0.0.1:0", "localhost:0", "[::1]:0", "127.0.0.2:0"]) {
      expect(run(parseCommandLine(["-t", host], context)).config.allowRemote).toBe(false);
    }
    expect(run(parseCommandLine(["--auth-token", TOKEN], context)).config.authToken).toBe(TOKEN);
  });

  it("lets UDP listen anywhere: it only takes segments in", () => {
    expect(run(parseCommandLine(["-b", "0.0.0.0:2000"], context)).config.udp.host).toBe("0.0.0.0");
  });
});

describe("the token", () => {
  it("is refused when short, long, or not visible ASCII", () => {
    expect(stderrOf(parseCommandLine(["--auth-token", "short"], context))).toContain(
      "the token is 5 characters long; use at least 16",
    );
    expect(stderrOf(parseCommandLine(["--auth-token", "x".repeat(1025)], context))).toContain(
      "at most 1024",
    );
    expect(
      stderrOf(parseCommandLine(["--auth-token", "has a space in it, too long"], context)),
    ).toContain("visible ASCII characters only");
    expect(
      stderrOf(parseCommandLine([], { ...context, env: { XRAY_SANDBOX_AUTH_TOKEN: "tiny" } })),
    ).toMatch(/^xray-sandbox: XRAY_SANDBOX_AUTH_TOKEN: the token is 4 characters long/);
  });

  it("is given once: --auth-token and --auth-token-file together are refused", () => {
    const file = tokenFile(TOKEN, 0o600);
    expect(
      stderrOf(parseCommandLine(["--auth-token", TOKEN, "--auth-token-file", file], context)),
    ).toContain("not both");
  });

  it("takes the flag over the environment variable", () => {
    const other = "ffffffffffffffffffff";
    const command = run(
      parseCommandLine(["--auth-token", other], {
        ...context,
        env: { XRAY_SANDBOX_AUTH_TOKEN: TOKEN },
      }),
    );
    expect(command.config.authToken).toBe(other);
  });

  it("from a file: the line break at the end is not part of it", () => {
    const file = tokenFile(`${TOKEN}\r\n`, 0o600);
    expect(run(parseCommandLine(["--auth-token-file", file], context)).config.authToken).toBe(
      TOKEN,
    );
  });

  it("from a file every user may read: a warning saying how to fix it", () => {
    const file = tokenFile(TOKEN, 0o644);
    const command = run(parseCommandLine(["--auth-token-file", file], context));
    expect(command.warnings).toEqual([
      `the token file ${file} may be read by every user of this machine (mode 644): chmod 600 ${file}`,
    ]);
  });

  it("from a file that is missing, empty, a directory or holds a bad token: refused, naming it", () => {
    const missing = join(tmpdir(), "xray-sandbox-no-such-token-file");
    expect(stderrOf(parseCommandLine(["--auth-token-file", missing], context))).toMatch(
      /^xray-sandbox: --auth-token-file: cannot read the token file: ENOENT/,
    );
    const empty = tokenFile("\n", 0o600);
    expect(stderrOf(parseCommandLine(["--auth-token-file", empty], context))).toContain(
      `${empty} is empty`,
    );
    const dir = mkdtempSync(join(tmpdir(), "xray-sandbox-token-dir-"));
    dirs.push(dir);
    expect(stderrOf(parseCommandLine(["--auth-token-file", dir], context))).toContain(
      `${dir} is not a file`,
    );
    const short = tokenFile("abc\n", 0o600);
    expect(stderrOf(parseCommandLine(["--auth-token-file", short], context))).toContain(
      `--auth-token-file ${short}: the token is 3 characters long`,
    );
  });
});
