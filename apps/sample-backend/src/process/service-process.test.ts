import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ServiceStartError, startServiceProcess } from "./service-process.ts";

const dir = mkdtempSync(join(tmpdir(), "service-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

describe("startServiceProcess", () => {
  it("resolves with the URL the child reports, and stop() ends it", async () => {
    const service = await startServiceProcess({
      name: "ready",
      entry: entry(
        "ready.ts",
        `const url: string = "http://127.0.0.1:1234";
         process.send?.({ type: "ready", url });
         setInterval(() => {}, 1000);`,
      ),
      onOutput: () => {},
    });
    expect(service.url).toBe("http://127.0.0.1:1234");
    expect(await service.stop()).toEqual({ code: null, signal: "SIGTERM" });
  });

  it("rejects with how the child ended and what it printed when it never gets ready", async () => {
    const lines: string[] = [];
    const start = startServiceProcess({
      name: "broken",
      entry: entry("broken.ts", `console.error("cannot open the database"); process.exit(3);`),
      onOutput: (line, stream) => lines.push(`${stream}: ${line}`),
    });
    await expect(start).rejects.toThrow(ServiceStartError);
    await expect(start).rejects.toThrow(
      "broken exited with code 3 before it was listening\n  cannot open the database",
    );
    expect(lines).toEqual(["stderr: cannot open the database"]);
  });
});
