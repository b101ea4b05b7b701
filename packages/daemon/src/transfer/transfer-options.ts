/** `xray-sandbox import …` and `xray-sandbox export …`: their command lines, checked. */

import { isTraceId } from "@xray-sandbox/segments";
import { Command, CommanderError } from "commander";
import { EXIT_OK, type ExitCommand, oneLine, usageExit } from "../cli-options.ts";

export const DEFAULT_SANDBOX_URL = "http://127.0.0.1:2000";

export interface ImportCommand {
  readonly kind: "import";
  /** A path, or `-` for standard input. */
  readonly file: string;
  readonly url: string;
  readonly skipInvalid: boolean;
}

export interface ExportCommand {
  readonly kind: "export";
  readonly url: string;
  readonly filter: string | undefined;
  readonly id: string | undefined;
  /** Undefined: standard output. */
  readonly output: string | undefined;
}

export type TransferCommand = ImportCommand | ExportCommand | ExitCommand;

export const TRANSFER_COMMANDS = ["import", "export"] as const;

/** `argv` starts with the command's name. */
export function parseTransferCommand(program: string, argv: readonly string[]): TransferCommand {
  const out = { stdout: "", stderr: "" };
  let parsed: ImportCommand | ExportCommand | undefined;
  const root = new Command(program).exitOverride().configureOutput({
    writeOut: (text) => {
      out.stdout += text;
    },
    writeErr: (text) => {
      out.stderr += text;
    },
    outputError: () => {},
  });
  root
    .command("import")
    .description(
      "send a file to a running sandbox: its NDJSON export or segment log, or what `aws xray batch-get-traces` prints",
    )
    .argument("<FILE>", "the file, or - for standard input")
    .option("--url <URL>", "the sandbox", DEFAULT_SANDBOX_URL)
    .option("--skip-invalid", "import the valid entries of a file that has bad ones", false)
    .helpOption("-h, --help", "show this help and exit")
    .exitOverride()
    .action((file: string, options: { url: string; skipInvalid: boolean }) => {
      parsed = { kind: "import", file, url: options.url, skipInvalid: options.skipInvalid };
    });
  root
    .command("export")
    .description("save a running sandbox's traces as NDJSON (what import and --data-dir read)")
    .option("--filter <EXPR>", "only the traces an X-Ray filter expression matches")
    .option("--id <TRACE>", "only this trace")
    .option("--url <URL>", "the sandbox", DEFAULT_SANDBOX_URL)
    .option("-o, --output <FILE>", "write here instead of standard output")
    .helpOption("-h, --help", "show this help and exit")
    .exitOverride()
    .action((options: { url: string; filter?: string; id?: string; output?: string }) => {
      parsed = {
        kind: "export",
        url: options.url,
        filter: options.filter,
        id: options.id,
        output: options.output,
      };
    });

  try {
    root.parse([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0)
      return { kind: "exit", code: EXIT_OK, stdout: out.stdout, stderr: "" };
    return usageExit(program, `${oneLine(error.message)} (see ${program} ${argv[0] ?? ""} --help)`);
  }
  if (parsed === undefined) return usageExit(program, "expected import or export");
  if (!isHttpUrl(parsed.url)) {
    return usageExit(program, `--url ${JSON.stringify(parsed.url)} is not an http:// URL`);
  }
  if (parsed.kind === "export") {
    if (parsed.filter !== undefined && parsed.id !== undefined) {
      return usageExit(program, "give --filter or --id, not both");
    }
    if (parsed.id !== undefined && !isTraceId(parsed.id)) {
      return usageExit(
        program,
        `--id ${JSON.stringify(parsed.id)} is not a trace id (1-<8 hex digits>-<24 hex digits>)`,
      );
    }
  }
  return parsed;
}

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}
