import { describe, expect, it } from "vitest";
import { parseTransferCommand } from "./transfer-options.ts";

const parse = (...argv: string[]) => parseTransferCommand("xray-sandbox", argv);

describe("parseTransferCommand", () => {
  it("reads import with its defaults and flags", () => {
    expect(parse("import", "traces.ndjson")).toEqual({
      kind: "import",
      file: "traces.ndjson",
      url: "http://127.0.0.1:2000",
      skipInvalid: false,
    });
    expect(parse("import", "-", "--url", "http://sandbox:2001", "--skip-invalid")).toEqual({
      kind: "import",
      file: "-",
      url: "http://sandbox:2001",
      skipInvalid: true,
    });
  });

  it("reads export with a filter, a trace or neither", () => {
    expect(parse("export", "--filter", "fault", "-o", "out.ndjson")).toEqual({
      kind: "export",
      url: "http://127.0.0.1:2000",
      filter: "fault",
      id: undefined,
      output: "out.ndjson",
    });
    expect(parse("export", "--id", "1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d")).toMatchObject({
      id: "1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d",
      output: undefined,
    });
  });

  it.each([
    [["import"], /^xray-sandbox: missing required argument 'FILE'/],
    [
      ["export", "--filter", "fault", "--id", "1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d"],
      /give --filter or --id, not both/,
    ],
    [["export", "--id", "abc"], /--id "abc" is not a trace id/],
    [["export", "--url", "127.0.0.1:2000"], /--url "127\.0\.0\.1:2000" is not an http:\/\/ URL/],
    [["export", "--nope"], /unknown option '--nope'/],
  ])("refuses %j with one line and exit code 2", (argv, message) => {
    const command = parse(...argv);
    expect(command).toMatchObject({ kind: "exit", code: 2, stdout: "" });
    if (command.kind !== "exit") return;
    expect(command.stderr).toMatch(message);
    expect(command.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("prints help and exits 0", () => {
    const command = parse("export", "--help");
    expect(command).toMatchObject({ kind: "exit", code: 0 });
    expect(command.kind === "exit" && command.stdout).toMatch(/--filter <EXPR>/);
  });
});
