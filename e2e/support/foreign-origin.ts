import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ForeignOrigin extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`: same host as the daemon, another port, so another origin. */
  readonly url: string;
  close(): Promise<void>;
}

const EMPTY_PAGE = "<!doctype html><title>elsewhere</title><p>another site</p>";

/**
 * A plain web server standing in for any site the user has open: it serves `pages` (HTML by
 * path), and one empty page at every other path.
 */
export async function startForeignOrigin(
  pages: Readonly<Record<string, string>> = {},
): Promise<ForeignOrigin> {
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(pages[request.url ?? "/"] ?? EMPTY_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return { url: `http://127.0.0.1:${port}`, close, [Symbol.asyncDispose]: close };
}
