/**
 * OTLP/HTTP: `POST /v1/traces` (protobuf or JSON, optionally gzip), and `/v1/metrics` and
 * `/v1/logs` answered with success and counted, so an OTel SDK with default settings logs no
 * export errors. Mounted on the main HTTP port (as X-Ray's own OTLP endpoint) and on the
 * OTLP/HTTP listener (4318 by default).
 */

import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { formatHostPort } from "../address.ts";
import type { OtlpIntake } from "./otlp-intake.ts";
import {
  emptyResponse,
  exportResponse,
  INVALID_ARGUMENT,
  type OtlpEncoding,
  statusBody,
} from "./otlp-response.ts";

/** The largest request body taken, compressed or not (the collector's default is 20 MiB). */
export const MAX_OTLP_BODY_BYTES = 16 * 1024 * 1024;
/** The largest body after gzip is undone: a small compressed body cannot grow past this. */
export const MAX_OTLP_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

const CONTENT_TYPES: Readonly<Record<string, OtlpEncoding>> = {
  "application/x-protobuf": "protobuf",
  "application/protobuf": "protobuf",
  "application/json": "json",
};

export function otlpHttpRoutes(intake: OtlpIntake): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: MAX_OTLP_BODY_BYTES,
    onError: (c) =>
      answerError(
        c,
        413,
        `the request body is over ${MAX_OTLP_BODY_BYTES} bytes`,
        encodingOf(c) ?? "json",
      ),
  });
  app.post("/v1/traces", limit, async (c) => {
    const encoding = encodingOf(c);
    if (encoding === undefined) return unsupportedType(c);
    const body = await readBody(c);
    const transport = encoding === "protobuf" ? "otlp-http-protobuf" : "otlp-http-json";
    if (!body.ok) {
      intake.counters.request(transport).refusedRequests++;
      return answerError(c, 400, body.message, encoding);
    }
    const outcome = intake.body(body.bytes, encoding, transport, peerOf(c));
    if (!outcome.ok) return answerError(c, 400, outcome.message, encoding);
    return answer(c, 200, exportResponse(outcome, encoding), encoding);
  });
  for (const [path, kind] of [
    ["/v1/metrics", "metrics"],
    ["/v1/logs", "logs"],
  ] as const) {
    app.post(path, limit, async (c) => {
      const encoding = encodingOf(c);
      if (encoding === undefined) return unsupportedType(c);
      intake.counters.signal(kind);
      return answer(c, 200, emptyResponse(encoding), encoding);
    });
  }
  return app;
}

function encodingOf(c: Context): OtlpEncoding | undefined {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return CONTENT_TYPES[type];
}

function unsupportedType(c: Context): Response {
  const type = c.req.header("content-type");
  return answerError(
    c,
    415,
    `Content-Type ${type === undefined ? "is missing" : JSON.stringify(type)}: OTLP/HTTP takes application/x-protobuf or application/json`,
    "json",
  );
}

type Body =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly message: string };

async function readBody(c: Context): Promise<Body> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const contentEncoding = (c.req.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (contentEncoding === "identity" || contentEncoding === "") return { ok: true, bytes: raw };
  if (contentEncoding !== "gzip") {
    return {
      ok: false,
      message: `Content-Encoding ${JSON.stringify(contentEncoding)} is not supported: send gzip or none`,
    };
  }
  try {
    const bytes = await gunzipAsync(raw, { maxOutputLength: MAX_OTLP_DECOMPRESSED_BYTES });
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    const tooLarge =
      error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    return {
      ok: false,
      message: tooLarge
        ? `the body is over ${MAX_OTLP_DECOMPRESSED_BYTES} bytes once gzip is undone`
        : `the body is not valid gzip (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

function peerOf(c: Context): string | undefined {
  try {
    const { address, port } = getConnInfo(c).remote;
    if (address === undefined) return undefined;
    return formatHostPort({ host: address, port: port ?? 0 });
  } catch {
    return undefined;
  }
}

function answerError(
  c: Context,
  status: 400 | 413 | 415,
  message: string,
  encoding: OtlpEncoding,
): Response {
  return answer(c, status, statusBody(INVALID_ARGUMENT, message, encoding), encoding);
}

function answer(
  c: Context,
  status: 200 | 400 | 413 | 415,
  body: Uint8Array | string,
  encoding: OtlpEncoding,
): Response {
  return c.body(typeof body === "string" ? body : (body as Uint8Array<ArrayBuffer>), status, {
    "Content-Type": encoding === "json" ? "application/json" : "application/x-protobuf",
  });
}
