import { readFileSync } from "node:fs";

/** The daemon package's version, read from its package.json. */
export function daemonVersion(): string {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    );
    if (typeof manifest === "object" && manifest !== null && "version" in manifest) {
      const { version } = manifest;
      if (typeof version === "string") return version;
    }
  } catch {
    // Fall through: a missing version must not stop the daemon.
  }
  return "unknown";
}
