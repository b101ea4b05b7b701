import http from "node:http";

export interface JsonResponse {
  readonly status: number;
  /** The parsed body, or the raw text when it is not JSON. */
  readonly body: unknown;
}

/**
 * GET with `node:http` rather than `fetch`: `captureOutgoingHttp()` patches this module,
 * which gives the call its `remote` subsegment and passes the trace header on.
 */
export function getJson(url: string, timeoutMs = 5000): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, body: parseJson(text) });
      });
    });
    request.on("timeout", () => {
      request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`));
    });
    request.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
