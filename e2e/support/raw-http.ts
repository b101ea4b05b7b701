import { request } from "node:http";

/**
 * A GET with exactly these headers, `Host` included (which `fetch` does not let a caller
 * set): what a page reached through DNS rebinding would send. Resolves with the status.
 */
export function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: "GET", headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
