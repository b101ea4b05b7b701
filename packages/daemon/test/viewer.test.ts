import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/cli-options.ts";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { rawRequest } from "./support/live.ts";

const INDEX =
  '<!doctype html><title>viewer</title><script type="module" src="/assets/index-3f2a9c.js"></script>';
const SCRIPT = "console.log('viewer');";

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "xray-sandbox-viewer-"));
  mkdirSync(join(root, "dist", "assets"), { recursive: true });
  mkdirSync(join(root, "empty"));
  writeFileSync(join(root, "dist", "index.html"), INDEX);
  writeFileSync(join(root, "dist", "assets", "index-3f2a9c.js"), SCRIPT);
  writeFileSync(join(root, "secret.txt"), "not for the browser");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A daemon whose viewer directory comes from `--viewer-dir`, as on the command line. */
async function startWithViewerDir(dir: string): Promise<Daemon> {
  const command = parseCommandLine(["--viewer-dir", dir], { version: "0.0.0", isTTY: false });
  if (command.kind !== "run") throw new Error(command.stderr);
  return startTestDaemon({ viewerDir: command.config.viewerDir });
}

describe("the built viewer", () => {
  let daemon: Daemon;
  beforeAll(async () => {
    daemon = await startWithViewerDir(join(root, "dist"));
  });
  afterAll(() => daemon.close());

  it("is served at / as index.html, revalidated on every load", async () => {
    const response = await fetch(`${daemon.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe(INDEX);
    expect(daemon.viewer).toEqual({
      url: `${daemon.url}/`,
      dir: join(root, "dist"),
      built: true,
    });
  });

  it("serves hashed assets with their type, cached for good", async () => {
    const response = await fetch(`${daemon.url}/assets/index-3f2a9c.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(SCRIPT);
  });

  it("answers a deep link with index.html, so the viewer can route it", async () => {
    const response = await fetch(`${daemon.url}/traces/1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it("answers a missing asset with 404, not with the page", async () => {
    const response = await fetch(`${daemon.url}/assets/index-0ld.js`);
    expect(response.status).toBe(404);
  });

  it("keeps API and X-Ray API paths JSON 404s", async () => {
    for (const path of ["/api/nope", "/TraceSummaries"]) {
      const response = await fetch(`${daemon.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });

  it("never serves a file outside its directory", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"]) {
      const response = await rawRequest(daemon.url, path);
      expect(response.body).not.toContain("not for the browser");
    }
  });
});

describe("without a built viewer", () => {
  let daemon: Daemon;
  beforeAll(async () => {
    daemon = await startWithViewerDir(join(root, "empty"));
  });
  afterAll(() => daemon.close());

  it("answers / and deep links with a page that says how to build it", async () => {
    for (const path of ["/", "/traces/x"]) {
      const response = await fetch(`${daemon.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain("viewer is not built");
      expect(page).toContain("pnpm build");
      expect(page).toContain('href="/api/stats"');
    }
    expect(daemon.viewer.built).toBe(false);
  });

  it("still serves the API", async () => {
    const response = await fetch(`${daemon.url}/api/health`);
    expect(response.status).toBe(200);
  });
});
