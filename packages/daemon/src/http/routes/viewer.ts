import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Context, Handler } from "hono";
import { getMimeType } from "hono/utils/mime";
import { isApiPath, isXRayPath } from "../path-kinds.ts";

export interface ViewerDeps {
  /** The built viewer (`apps/viewer/dist`): `index.html` and hashed `assets/`. */
  readonly viewerDir: string;
}

/** Vite names every file under `assets/` by its content hash: it never changes. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/**
 * `GET` of anything that is not the API: a file of the built viewer, or else `index.html`
 * (the viewer routes `/traces/…` itself). Without a build, a page that says how to make one.
 * A missing `assets/` file is a 404, not the page: a stale tab asking for an old bundle
 * must fail as a missing script, not as HTML parsed as JavaScript.
 */
export function viewerHandler({ viewerDir }: ViewerDeps): Handler {
  const root = resolve(viewerDir);
  return async (c) => {
    const path = c.req.path;
    if (isApiPath(path) || isXRayPath(path)) return c.notFound();
    const file = await fileAt(root, path);
    if (file !== undefined) return sendFile(c, file, path.startsWith("/assets/"));
    if (path.startsWith("/assets/")) return c.notFound();
    const index = await fileAt(root, "/index.html");
    if (index !== undefined) return sendFile(c, index, false);
    c.header("cache-control", REVALIDATE);
    return c.html(notBuiltPage(root));
  };
}

/** The regular file `path` names inside `root`; never one outside it. */
async function fileAt(root: string, path: string): Promise<string | undefined> {
  if (path.includes("\0")) return undefined;
  const file = join(root, path);
  const inside = relative(root, file);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(c: Context, file: string, immutable: boolean): Promise<Response> {
  const bytes = await readFile(file).catch(() => undefined);
  if (bytes === undefined) return c.notFound();
  return c.body(bytes, 200, {
    "content-type": getMimeType(file) ?? "application/octet-stream",
    "cache-control": immutable ? IMMUTABLE : REVALIDATE,
  });
}

function notBuiltPage(root: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>xray-sandbox: viewer not built</title>
</head>
<body>
<h1>xray-sandbox is running; its viewer is not built</h1>
<p>There is no <code>index.html</code> in <code>${escapeHtml(root)}</code>.
Build the viewer from the repository root with <code>pnpm build</code>, then reload this page
(<code>pnpm start</code> builds it before starting the sandbox).</p>
<p>The API works without it: <a href="/api/stats">/api/stats</a>,
<a href="/api/traces">/api/traces</a>, <a href="/api/rejected">/api/rejected</a>.</p>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
