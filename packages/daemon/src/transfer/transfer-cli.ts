/** Runs `xray-sandbox import` and `xray-sandbox export` against a running sandbox's API. */

import { once } from "node:events";
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type {
  ApiErrorBody,
  ImportProblem,
  ImportProgressBody,
  ImportResultBody,
} from "@xray-sandbox/segments";
import { EXIT_OK, EXIT_RUNTIME } from "../cli-options.ts";
import type { ExportCommand, ImportCommand } from "./transfer-options.ts";

export interface TransferIo {
  readonly stdout: NodeJS.WritableStream;
  /** Messages for people: results, errors. */
  readonly stderr: { write(text: string): unknown };
  readonly stdin: AsyncIterable<Uint8Array | string>;
  /** Progress is then one line rewritten in place. */
  readonly stderrIsTty?: boolean;
  /** How often an import's progress is printed; PROGRESS_INTERVAL_MS unless told. */
  readonly progressIntervalMs?: number;
  /** A shared sandbox's token (`XRAY_SANDBOX_AUTH_TOKEN`), sent as `Authorization: Bearer`. */
  readonly authToken?: string | undefined;
}

/** How often `import` prints its progress while the sandbox works. */
export const PROGRESS_INTERVAL_MS = 3_000;

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
  let upload: Upload;
  try {
    upload = file === "-" ? streamOf(io.stdin) : await fileUpload(file);
  } catch (error) {
    return fail(`cannot read ${name}: ${reasonOf(error)}`);
  }
  const endpoint = new URL("/api/import", url);
  if (skipInvalid) endpoint.searchParams.set("skipInvalid", "true");
  const progress = reportProgress(url, upload.size, io);
  let response: Requested;
  try {
    response = await request(endpoint, {
      method: "POST",
      headers: {
        ...bearer(io.authToken),
        "content-type": "application/x-ndjson",
        ...(upload.size === undefined ? {} : { "content-length": String(upload.size) }),
      },
      body: upload.body,
      duplex: "half",
    } as RequestInit);
  } finally {
    progress.stop();
  }
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

interface Upload {
  readonly body: ReadableStream<Uint8Array>;
  /** Bytes, when known (a file); undefined for standard input. */
  readonly size: number | undefined;
}

/** The file streamed, never held whole. */
async function fileUpload(file: string): Promise<Upload> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error("a directory"), { code: "EISDIR" });
  return {
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    size: info.size,
  };
}

function streamOf(input: AsyncIterable<Uint8Array | string>): Upload {
  const iterator = input[Symbol.asyncIterator]();
  return {
    body: new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(Buffer.from(next.value));
      },
      async cancel() {
        await iterator.return?.();
      },
    }),
    size: undefined,
  };
}

/**
 * While the import runs, its progress on stderr every `progressIntervalMs`: one line each
 * time, or one line rewritten in place on a terminal.
 */
function reportProgress(url: string, size: number | undefined, io: TransferIo): { stop(): void } {
  const interval = io.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  let stopped = false;
  let wroteInPlace = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async (): Promise<void> => {
    const line = await fetch(new URL("/api/import/progress", url), {
      headers: bearer(io.authToken),
    })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body) => progressLine(body as ImportProgressBody | undefined, size))
      .catch(() => undefined);
    if (stopped) return;
    if (line !== undefined) {
      if (io.stderrIsTty) {
        io.stderr.write(`\r\u001b[K${line}`);
        wroteInPlace = true;
      } else {
        io.stderr.write(`${line}\n`);
      }
    }
    timer = setTimeout(poll, interval);
  };
  timer = setTimeout(poll, interval);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (wroteInPlace) io.stderr.write("\r\u001b[K");
    },
  };
}

/** `importing: applying 40000 of 200000 documents (20%)`; undefined when none runs. */
export function progressLine(
  body: ImportProgressBody | undefined,
  size: number | undefined,
): string | undefined {
  const current = body?.import;
  if (body?.running !== true || current === null || current === undefined) return undefined;
  if (current.phase === "receiving") {
    const total = size ?? current.bytesExpected ?? undefined;
    const of = total === undefined ? "" : ` of ${mebibytes(total)}`;
    return `importing: receiving ${mebibytes(current.bytesReceived)}${of}, ${plural(current.linesChecked, "line")} checked${current.problems > 0 ? `, ${plural(current.problems, "problem")}` : ""}`;
  }
  if (current.phase === "applying" && current.documentsTotal !== null) {
    const percent =
      current.documentsTotal === 0
        ? 100
        : Math.floor((current.documentsApplied / current.documentsTotal) * 100);
    return `importing: applying ${current.documentsApplied} of ${plural(current.documentsTotal, "document")} (${percent}%)`;
  }
  return `importing: ${current.phase}`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

async function runExport(
  { url, filter, id, output }: ExportCommand,
  io: TransferIo,
  fail: (message: string) => number,
): Promise<number> {
  const endpoint = new URL("/api/export", url);
  if (filter !== undefined) endpoint.searchParams.set("filter", filter);
  if (id !== undefined) endpoint.searchParams.set("id", id);
  const response = await request(endpoint, { method: "GET", headers: bearer(io.authToken) });
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

function bearer(token: string | undefined): Record<string, string> {
  return token === undefined || token === "" ? {} : { authorization: `Bearer ${token}` };
}

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
  if (response.status === 401) {
    const given = new Headers(init.headers).has("authorization");
    return {
      ok: false,
      message: given
        ? `${url.origin} refused the token in XRAY_SANDBOX_AUTH_TOKEN: it is not that sandbox's`
        : `${url.origin} is a shared sandbox and asks for its token: set XRAY_SANDBOX_AUTH_TOKEN to it`,
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
