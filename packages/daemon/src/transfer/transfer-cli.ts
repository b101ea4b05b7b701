/** Runs `xray-sandbox import` and `xray-sandbox export` against a running sandbox's API. */

import { once } from "node:events";
import { type FileHandle, open, readFile } from "node:fs/promises";
import type { ApiErrorBody, ImportProblem, ImportResultBody } from "@xray-sandbox/segments";
import { EXIT_OK, EXIT_RUNTIME } from "../cli-options.ts";
import type { ExportCommand, ImportCommand } from "./transfer-options.ts";

export interface TransferIo {
  readonly stdout: NodeJS.WritableStream;
  /** Messages for people: results, errors. */
  readonly stderr: { write(text: string): unknown };
  readonly stdin: AsyncIterable<Uint8Array | string>;
}

const LISTED_PROBLEMS = 10;
const NEWLINE = 0x0a;

export function runTransfer(
  program: string,
  command: ImportCommand | ExportCommand,
  io: TransferIo,
): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`${program}: ${message}\n`);
    return EXIT_RUNTIME;
  };
  return command.kind === "import" ? runImport(command, io, fail) : runExport(command, io, fail);
}

async function runImport(
  { file, url, skipInvalid }: ImportCommand,
  io: TransferIo,
  fail: (message: string) => number,
): Promise<number> {
  const name = file === "-" ? "standard input" : file;
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? await readAll(io.stdin) : await readFile(file);
  } catch (error) {
    return fail(`cannot read ${name}: ${reasonOf(error)}`);
  }
  const endpoint = new URL("/api/import", url);
  if (skipInvalid) endpoint.searchParams.set("skipInvalid", "true");
  const response = await request(endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: bytes,
  });
  if (!response.ok) return fail(response.message);
  const body = (await response.response.json().catch(() => undefined)) as
    | Partial<ImportResultBody & ApiErrorBody>
    | undefined;
  if (response.response.status === 200 && typeof body?.imported === "number") {
    const skipped = body.skipped ?? 0;
    io.stderr.write(
      `imported ${plural(body.imported, "document")} from ${name} into ${url}${skipped > 0 ? ` (${skipped} skipped: already stored${skipInvalid ? " or invalid" : ""})` : ""}\n`,
    );
    listProblems(io, body.errors ?? [], body.errorCount ?? 0);
    return EXIT_OK;
  }
  const code = fail(`${name}: ${importRefusal(body, response.response.status)}`);
  listProblems(io, body?.errors ?? [], body?.errorCount ?? 0);
  return code;
}

async function runExport(
  { url, filter, id, output }: ExportCommand,
  io: TransferIo,
  fail: (message: string) => number,
): Promise<number> {
  const endpoint = new URL("/api/export", url);
  if (filter !== undefined) endpoint.searchParams.set("filter", filter);
  if (id !== undefined) endpoint.searchParams.set("id", id);
  const response = await request(endpoint, { method: "GET" });
  if (!response.ok) return fail(response.message);
  const { status, body } = response.response;
  if (status !== 200 || body === null) {
    const error = (await response.response.json().catch(() => undefined)) as
      | { error?: { message?: string; line?: number; column?: number } }
      | undefined;
    return fail(error?.error?.message ?? `the sandbox answered ${status}`);
  }

  let file: FileHandle | undefined;
  if (output !== undefined) {
    try {
      file = await open(output, "w");
    } catch (error) {
      await body.cancel();
      return fail(`cannot write ${output}: ${reasonOf(error)}`);
    }
  }
  let documents = 0;
  try {
    for await (const chunk of body) {
      for (const byte of chunk) if (byte === NEWLINE) documents++;
      if (file) await file.write(chunk);
      else if (!io.stdout.write(chunk)) await once(io.stdout, "drain");
    }
  } catch (error) {
    return fail(`export stopped: ${reasonOf(error)}`);
  } finally {
    await file?.close();
  }
  io.stderr.write(
    `exported ${plural(documents, "document")}${output === undefined ? "" : ` to ${output}`}\n`,
  );
  return EXIT_OK;
}

type Requested =
  | { readonly ok: true; readonly response: Response }
  | { readonly ok: false; readonly message: string };

async function request(url: URL, init: RequestInit): Promise<Requested> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    return {
      ok: false,
      message: `cannot reach the sandbox at ${url.origin} (${reasonOf(cause)}): is it running? Start it with xray-sandbox, or pass --url`,
    };
  }
  if (response.status === 404 && !isJson(response)) {
    return {
      ok: false,
      message: `${url.origin} has no ${url.pathname}: is it an xray-sandbox (and a recent one)?`,
    };
  }
  return { ok: true, response };
}

/**
 * Why the sandbox refused a file. A file with bad entries is told in the command line's terms
 * (`--skip-invalid`, not the HTTP API's `skipInvalid=true`); the entries are listed after it.
 */
function importRefusal(
  body: Partial<ImportResultBody & ApiErrorBody> | undefined,
  status: number,
): string {
  const count = body?.errorCount ?? 0;
  const first = body?.errors?.[0];
  if (body?.error?.code === "INVALID_IMPORT" && first && count > 0) {
    const more = count > 1 ? ` (and ${count - 1} more)` : "";
    return `${first.where}: ${first.message}${more}; nothing was imported (--skip-invalid imports the rest)`;
  }
  return body?.error?.message ?? `the sandbox answered ${status}`;
}

function isJson(response: Response): boolean {
  return response.headers.get("content-type")?.includes("json") === true;
}

function listProblems(io: TransferIo, problems: readonly ImportProblem[], count: number): void {
  for (const problem of problems.slice(0, LISTED_PROBLEMS)) {
    io.stderr.write(`  ${problem.where}: ${problem.message}\n`);
  }
  const unlisted = count - Math.min(problems.length, LISTED_PROBLEMS);
  if (unlisted > 0) io.stderr.write(`  … and ${unlisted} more\n`);
}

async function readAll(input: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function reasonOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error) {
    const { code } = error;
    if (code === "ENOENT") return "no such file";
    if (code === "EISDIR") return "it is a directory";
  }
  return error instanceof Error ? error.message : String(error);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
