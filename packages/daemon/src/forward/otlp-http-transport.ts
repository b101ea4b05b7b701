/**
 * OTLP/HTTP: `POST` of a gzip-compressed protobuf `ExportTraceServiceRequest`, as the
 * OpenTelemetry exporters send it. Retryable, as the OTLP specification says: 429, 502, 503,
 * 504, a network error or a timeout; `Retry-After` (seconds) is honoured.
 */

import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { formatHostPort } from "../address.ts";
import type { HostPort } from "../config.ts";
import {
  type ExportResult,
  type OtlpExportTransport,
  statusMessageOf,
  successOf,
} from "./export-result.ts";

const gzipAsync = promisify(gzip);

export const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export interface OtlpHttpTransportOptions {
  readonly address: HostPort;
  readonly path: string;
  readonly timeoutMs: number;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function otlpHttpTransport({
  address,
  path,
  timeoutMs,
}: OtlpHttpTransportOptions): OtlpExportTransport {
  const url = `http://${formatHostPort(address)}${path}`;
  return {
    async send(body): Promise<ExportResult> {
      let response: Response;
      try {
        const compressed = await gzipAsync(body);
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
          body: compressed,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message;
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          retryable: true,
          message: cause === undefined ? message : `${message}: ${cause}`,
        };
      }
      const answer = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
      if (response.ok) return successOf(answer);
      const detail = statusMessageOf(answer) ?? response.statusText;
      const after = retryAfterMs(response.headers.get("retry-after"));
      return {
        ok: false,
        retryable: RETRYABLE_HTTP_STATUSES.has(response.status),
        message: `HTTP ${response.status}${detail === "" ? "" : ` ${detail}`}`,
        ...(after === undefined ? {} : { retryAfterMs: after }),
      };
    },
    close() {},
  };
}
